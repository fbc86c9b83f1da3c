extension PriceIndex {
    /// Statistics Netherlands' consumer price index, all items (CPI "Alle bestedingen", 2015 = 100,
    /// annual averages). 1996–2019 and 2022 are the levels of StatLine table 83131NED; 1995,
    /// 2020–2021 and 2023–2025 are chained from CBS's official yearly inflation (70936ned: 2.1%
    /// in 1996; 2.7% in 2021 and 10.0% in 2022, chained back from 2022; 3.8%, 3.3% and 3.3% in
    /// 2023–2025) and are provisional: a run that uses them warns. See docs/scenario-format.md.
    public static let cpiNL = PriceIndex(
        name: "cpi-nl",
        source: "CBS StatLine 83131NED, CPI all items, 2015 = 100",
        values: [
            1995: 67.52, 1996: 68.94, 1997: 70.40, 1998: 71.78, 1999: 73.32, 2000: 75.06, 2001: 78.17, 2002: 80.74,
            2003: 82.43, 2004: 83.48, 2005: 84.88, 2006: 85.82, 2007: 87.20, 2008: 89.37, 2009: 90.44, 2010: 91.59,
            2011: 93.73, 2012: 96.04, 2013: 98.44, 2014: 99.40, 2015: 100.00, 2016: 100.32, 2017: 101.70, 2018: 103.44,
            2019: 106.16, 2020: 107.49, 2021: 110.39, 2022: 121.43, 2023: 126.04, 2024: 130.20, 2025: 134.50,
        ],
        provisional: [1995, 2020, 2021, 2023, 2024, 2025])
}
