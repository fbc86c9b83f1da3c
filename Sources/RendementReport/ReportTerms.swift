/// Every word a person reads in a report, one catalogue per language (the field's own Dutch
/// terms: kosten, baten, saldo, contante waarde, B/K-verhouding, PM-posten, actoren,
/// nulalternatief). Renderers take their words from here and nowhere else; texts with numbers
/// in them are functions of the numbers, already formatted.
public struct ReportTerms: Sendable {
    public var notAvailable: String
    public var provenance: String
    public var source: String
    public var contents: String

    // Sections.
    public var summary: String
    public var overview: String
    public var stressTest: String
    public var actors: String
    public var byYear: String
    public var cases: String
    public var figures: String
    public var basis: String
    public var unpriced: String
    public var inputs: String
    public var convergence: String
    public var appendix: String

    // Quantities.
    public var costs: String
    public var benefits: String
    public var pvCosts: String
    public var pvBenefits: String
    public var npv: String
    public var npvShort: String
    public var bcrShort: String
    public var bcr: String
    public var roi: String
    public var base: String
    public var pointValues: String
    public var mean: String
    public var interval90: String
    public var probabilityPositive: String
    public var probabilityNetPositive: String
    public var year: String
    public var actor: String
    public var kind: String
    public var effect: String
    public var society: String
    public var nominal: String
    public var presentValue: String

    // Kinds of lines.
    public var cost: String
    public var casesCosts: String
    public var casesBenefits: String
    public var financialEffects: String
    public var nonFinancialEffects: String
    public var transfers: String
    public var financialBalance: String
    public var balanceIncludingNonFinancial: String
    public var transferNote: String
    public var pmItem: String
    public var pmSigns: String
    public var kindNames: [String: String]

    // Summary.
    public var headline: @Sendable (_ npvBase: String, _ bcrBase: String, _ mean: String, _ low: String, _ high: String, _ probability: String) -> String
    public var headlineNoEstimate: @Sendable (_ npvBase: String, _ mean: String, _ low: String, _ high: String, _ probability: String) -> String
    public var noPublishedEstimate: String
    public var noCosts: String
    public var keyFigures: String

    // Stress test.
    public var publishedBesideModel: String
    public var figure: String
    public var published: String
    public var modelBase: String
    public var matches: String
    public var yes: String
    public var no: String
    public var probabilityHolds: String
    public var variantsCompared: @Sendable (_ samples: String) -> String
    public var variant: String
    public var baseVariant: String
    public var differenceFromBase: String
    public var probabilityBeatsBase: String
    public var effectScale: @Sendable (_ share: String) -> String
    public var effectScaleUp: @Sendable (_ share: String) -> String
    public var effectScaleNone: String
    public var switchingValues: String
    public var input: String
    public var switchingValue: String
    public var noSwitchingValue: String
    public var drivers: String
    public var tornadoSwing: String
    public var sobolTotal: @Sendable (_ runs: String) -> String
    public var evppiRanking: @Sendable (_ rows: String, _ evpi: String) -> String
    public var partialEVPI: String
    public var evidenceShare: @Sendable (_ assumed: String) -> String
    public var evidenceNames: [String: String]

    // Actors.
    public var everyEuro: @Sendable (_ actor: String, _ own: String, _ society: String) -> String
    public var actorTable: String
    public var paid: String
    public var received: String
    public var net: String

    // Years and cases.
    public var byYearCaption: String
    public var casesSummary: @Sendable (_ positive: Int, _ total: Int, _ low: String, _ high: String) -> String
    public var selectedCases: String
    public var caseColumn: String

    // Basis.
    public var discountRate: String
    public var priceLevel: String
    public var priceLevelMissing: String
    public var samplesLine: @Sendable (_ samples: String, _ seed: String, _ design: String) -> String
    public var precisionNote: String
    public var none: String
    public var distribution: String
    public var evidence: String

    // Figures.
    public var histogramTitle: String
    public var histogramSubtitle: @Sendable (_ probability: String, _ base: String) -> String
    public var histogramAxis: String
    public var shareOfSamples: String
    public var sCurveTitle: String
    public var sCurveSubtitle: @Sendable (_ below: String, _ base: String) -> String
    public var sCurveAxis: String
    public var tornadoTitle: String
    public var tornadoSubtitle: String
    public var npvAxis: String
    public var baseMark: String
    public var actorsTitle: String
    public var actorsSubtitle: String
    public var actorsAxis: String
    public var fanTitle: @Sendable (_ input: String) -> String
    public var fanSubtitle: String
    public var convergenceTitle: String
    public var convergenceSubtitle: String
    public var convergenceAxis: String
    public var meanNPV: String
    public var casesTitle: String
    public var casesAxis: String
}

extension ReportTerms {
    public static let dutch = ReportTerms(
        notAvailable: "n.v.t.", provenance: "Herkomst", source: "Bron", contents: "Inhoud",
        summary: "Samenvatting", overview: "MKBA-overzicht", stressTest: "Stresstest", actors: "Wie betaalt, wie wint",
        byYear: "Kosten en baten per jaar", cases: "Casussen", figures: "Figuren", basis: "Uitgangspunten",
        unpriced: "PM-posten (niet in geld uitgedrukt)", inputs: "Invoer en bronnen", convergence: "Convergentie",
        appendix: "Bijlage",
        costs: "Kosten", benefits: "Baten", pvCosts: "Contante waarde kosten", pvBenefits: "Contante waarde baten",
        npv: "Saldo (netto contante waarde)", npvShort: "Saldo", bcrShort: "B/K", bcr: "B/K-verhouding", roi: "Rendement (B/K − 1)", base: "Basisvariant",
        pointValues: "Puntwaarden", mean: "Gemiddeld", interval90: "90%-interval", probabilityPositive: "Kans op positief saldo",
        probabilityNetPositive: "Kans saldo > 0", year: "Jaar", actor: "Actor", kind: "Soort", effect: "Effect", society: "Samenleving",
        nominal: "nominaal", presentValue: "contante waarde",
        cost: "kosten", casesCosts: "Kosten in de casussen", casesBenefits: "Baten in de casussen", financialEffects: "Financiële effecten", nonFinancialEffects: "Niet-financiële effecten (welzijn, gezondheid, productiviteit)",
        transfers: "Overdrachten (tellen niet mee voor de samenleving)", financialBalance: "Saldo financiële effecten",
        balanceIncludingNonFinancial: "Saldo inclusief niet-financiële effecten", transferNote: "overdracht",
        pmItem: "PM",
        pmSigns: "Tussen haakjes het verwachte teken van het effect op het saldo: (+) verhoogt het, (−) verlaagt het, (?) onduidelijk; zonder teken: niet opgegeven.",
        kindNames: ["resource": "financieel", "wellbeing": "welzijn", "productivity": "productiviteit", "transfer": "overdracht"],
        headline: { npv, bcr, mean, low, high, p in
            "In de basisvariant is het saldo (netto contante waarde) \(npv) en de B/K-verhouding \(bcr). Met alle onzekerheid in de schattingen is het saldo gemiddeld \(mean), met 90% kans tussen \(low) en \(high); de kans op een positief saldo is \(p)."
        },
        headlineNoEstimate: { npv, mean, low, high, p in
            "Met alle schattingen op hun puntwaarde is het saldo \(npv). Met alle onzekerheid is het saldo gemiddeld \(mean), met 90% kans tussen \(low) en \(high); de kans op een positief saldo is \(p)."
        },
        noPublishedEstimate: "De bron publiceerde geen schatting. De puntwaarden hieronder zijn aannames van een sjabloon, geen uitkomst van de casus: lees de verdeling.",
        noCosts: "niet gedefinieerd: geen kosten", keyFigures: "Kerncijfers",
        publishedBesideModel: "Gepubliceerde cijfers naast het model", figure: "Cijfer", published: "Gepubliceerd",
        modelBase: "Model (basisvariant)", matches: "Klopt", yes: "ja", no: "nee", probabilityHolds: "Kans dat het klopt",
        variantsCompared: { n in "Varianten naast elkaar (\(n) trekkingen, gemeenschappelijke toevalsgetallen: verschillen per trekking)" },
        variant: "Variant", baseVariant: "basisvariant", differenceFromBase: "Verschil met basis (gemiddeld)",
        probabilityBeatsBase: "Kans beter dan basis",
        effectScale: { share in "Alle baten mogen \(share) kleiner uitvallen voordat het saldo in de basisvariant negatief wordt." },
        effectScaleUp: { share in "Het saldo in de basisvariant is niet positief: alle baten zouden \(share) groter moeten uitvallen om de kosten te dekken." },
        effectScaleNone: "Er zijn geen baten: het saldo is niet positief te maken door de effecten te schalen.",
        switchingValues: "Omslagwaarden: de waarde waarbij het saldo nul wordt (overige schattingen op hun basiswaarde)",
        input: "Schatting", switchingValue: "Omslagwaarde", noSwitchingValue: "geen binnen het bereik",
        drivers: "Wat het antwoord bepaalt", tornadoSwing: "Uitslag saldo (P10 – P90)",
        sobolTotal: { runs in "Totale Sobol'-index van het saldo (aandeel in de variantie, \(runs) modelberekeningen)" },
        evppiRanking: { rows, evpi in "Wat nader onderzoek waard is: verwachte waarde van perfecte informatie per schatting (uit \(rows) trekkingen; voor alle schattingen samen \(evpi))" },
        partialEVPI: "Partiële EVPI",
        evidenceShare: { share in "\(share) van de baten (contante waarde, basisvariant) rust op aannames van de analist." },
        evidenceNames: ["published": "gepubliceerd", "expert": "expertschatting", "assumed": "aanname", "unmarked": "niet aangegeven"],
        everyEuro: { actor, own, society in "Elke euro die \(actor) uitgeeft, levert \(actor) zelf \(own) op en de samenleving als geheel \(society)." },
        actorTable: "Saldo per actor", paid: "Betaalt", received: "Ontvangt", net: "Saldo",
        byYearCaption: "Per jaar na de start; contante waarde en nominaal, basisvariant en gemiddelde over de trekkingen.",
        casesSummary: { positive, total, low, high in "\(positive) van de \(total) casussen hebben een positief saldo in de basisvariant; het aandeel positieve casussen ligt met 90% kans tussen \(low) en \(high)." },
        selectedCases: "De casussen zijn geselecteerd, niet willekeurig getrokken: de bootstrap over casussen behandelt ze als steekproef en onderschat daarmee de onzekerheid over de hele groep.",
        caseColumn: "Casus",
        discountRate: "Discontovoet", priceLevel: "Prijspeil", priceLevelMissing: "niet opgegeven",
        samplesLine: { n, seed, design in "\(n) trekkingen, zaad \(seed), ontwerp \(design)." },
        precisionNote: "Getallen zijn afgerond op de nauwkeurigheid die de Monte-Carlofout toelaat; intervallen op drie cijfers.",
        none: "Geen.", distribution: "Verdeling", evidence: "Onderbouwing",
        histogramTitle: "Verdeling van het saldo (netto contante waarde)",
        histogramSubtitle: { p, base in "gekleurd: saldo > 0, kans \(p); stippellijn: basisvariant \(base)" },
        histogramAxis: "saldo (contante waarde)", shareOfSamples: "aandeel trekkingen",
        sCurveTitle: "B/K-verhouding: cumulatieve verdeling",
        sCurveSubtitle: { below, base in "kans B/K < 1: \(below); verticale lijn: B/K = 1; stippellijn: basisvariant \(base)" },
        sCurveAxis: "B/K-verhouding (euro baten per euro kosten)",
        tornadoTitle: "Tornado: saldo met één schatting tegelijk op P10 en P90",
        tornadoSubtitle: "overige schattingen op hun basiswaarde; grootste uitslag eerst. Blauw: op P90; oranje: op P10",
        npvAxis: "saldo (contante waarde)", baseMark: "basis",
        actorsTitle: "Wie betaalt, wie wint: saldo per actor",
        actorsSubtitle: "balk: 90%-interval (P5–P95); punt: gemiddelde; ruit: basisvariant",
        actorsAxis: "saldo (contante waarde): ontvangen min betaald",
        fanTitle: { input in "Waaier: saldo bij verschillende waarden van \(input)" },
        fanSubtitle: "mediaan, 25–75%-band (donker) en 5–95%-band (licht); gemeenschappelijke toevalsgetallen",
        convergenceTitle: "Convergentie van het gemiddelde saldo",
        convergenceSubtitle: "lopend gemiddelde en 95%-band na 1, 2, 4, … blokken van 8.192 trekkingen",
        convergenceAxis: "trekkingen (logaritmische schaal)", meanNPV: "gemiddeld saldo",
        casesTitle: "Saldo per casus (zonder − met − kosten), met onzekerheid in de prijzen",
        casesAxis: "saldo per casus"
    )

    public static let english = ReportTerms(
        notAvailable: "n/a", provenance: "Provenance", source: "Source", contents: "Contents",
        summary: "Summary", overview: "CBA overview", stressTest: "Stress test", actors: "Who pays, who benefits",
        byYear: "Costs and benefits by year", cases: "Cases", figures: "Figures", basis: "Basis",
        unpriced: "Not priced (PM items)", inputs: "Inputs and sources", convergence: "Convergence", appendix: "Appendix",
        costs: "Costs", benefits: "Benefits", pvCosts: "Present value of costs", pvBenefits: "Present value of benefits",
        npv: "Net present value (NPV)", npvShort: "NPV", bcrShort: "BCR", bcr: "Benefit-cost ratio", roi: "Return (BCR − 1)", base: "Base case",
        pointValues: "Point values", mean: "Mean", interval90: "90% interval", probabilityPositive: "Probability NPV > 0",
        probabilityNetPositive: "P(net > 0)", year: "Year", actor: "Actor", kind: "Kind", effect: "Effect", society: "Society",
        nominal: "nominal", presentValue: "present value",
        cost: "cost", casesCosts: "Costs in the cases", casesBenefits: "Benefits in the cases", financialEffects: "Financial effects", nonFinancialEffects: "Non-financial effects (wellbeing, health, productivity)",
        transfers: "Transfers (not counted for society)", financialBalance: "Balance of financial effects",
        balanceIncludingNonFinancial: "Balance including non-financial effects", transferNote: "transfer",
        pmItem: "PM",
        pmSigns: "In brackets, the expected sign of the effect on the net benefit: (+) raises it, (−) lowers it, (?) unclear; no sign: not stated.",
        kindNames: ["resource": "financial", "wellbeing": "wellbeing", "productivity": "productivity", "transfer": "transfer"],
        headline: { npv, bcr, mean, low, high, p in
            "In the base case the net present value is \(npv) and the benefit-cost ratio \(bcr). With all the uncertainty in the estimates, the NPV is \(mean) on average, between \(low) and \(high) with 90% probability; the probability of a positive NPV is \(p)."
        },
        headlineNoEstimate: { npv, mean, low, high, p in
            "With every estimate at its point value the NPV is \(npv). With all the uncertainty, the NPV is \(mean) on average, between \(low) and \(high) with 90% probability; the probability of a positive NPV is \(p)."
        },
        noPublishedEstimate: "The source published no estimate. The point values below are assumptions of a template, not a result of the case: read the distribution.",
        noCosts: "undefined: no costs", keyFigures: "Key figures",
        publishedBesideModel: "Published figures beside the model", figure: "Figure", published: "Published",
        modelBase: "Model (base case)", matches: "Matches", yes: "yes", no: "no", probabilityHolds: "Probability it holds",
        variantsCompared: { n in "Variants side by side (\(n) samples, common random numbers: differences per sample)" },
        variant: "Variant", baseVariant: "base case", differenceFromBase: "Difference from base (mean)",
        probabilityBeatsBase: "P(better than base)",
        effectScale: { share in "Every benefit may turn out \(share) smaller before the base case's NPV turns negative." },
        effectScaleUp: { share in "The base case's NPV is not positive: every benefit would have to be \(share) larger to cover the costs." },
        effectScaleNone: "There are no benefits: no scaling of the effects makes the NPV positive.",
        switchingValues: "Switching values: the value at which the NPV is zero (other estimates at their base values)",
        input: "Estimate", switchingValue: "Switching value", noSwitchingValue: "none within its range",
        drivers: "What drives the answer", tornadoSwing: "NPV swing (P10 – P90)",
        sobolTotal: { runs in "Total Sobol' index of the NPV (share of the variance, \(runs) model runs)" },
        evppiRanking: { rows, evpi in "Worth researching first: expected value of perfect information per estimate (from \(rows) samples; for all estimates together \(evpi))" },
        partialEVPI: "Partial EVPI",
        evidenceShare: { share in "\(share) of the benefits (present value, base case) rest on the analyst's assumptions." },
        evidenceNames: ["published": "published", "expert": "expert estimate", "assumed": "assumption", "unmarked": "not marked"],
        everyEuro: { actor, own, society in "Every euro \(actor) spends returns \(own) to \(actor) itself and \(society) to society as a whole." },
        actorTable: "Net per actor", paid: "Pays", received: "Receives", net: "Net",
        byYearCaption: "By year from the start; present value and nominal, base case and mean over the samples.",
        casesSummary: { positive, total, low, high in "\(positive) of \(total) cases have a positive net in the base case; the share of positive cases lies between \(low) and \(high) with 90% probability." },
        selectedCases: "The cases were selected, not drawn at random: the bootstrap over cases treats them as a sample and so understates the uncertainty about the whole group.",
        caseColumn: "Case",
        discountRate: "Discount rate", priceLevel: "Price level", priceLevelMissing: "not stated",
        samplesLine: { n, seed, design in "\(n) samples, seed \(seed), design \(design)." },
        precisionNote: "Numbers are rounded to the precision their Monte Carlo error supports; intervals to three digits.",
        none: "None.", distribution: "Distribution", evidence: "Evidence",
        histogramTitle: "Distribution of the net present value (NPV)",
        histogramSubtitle: { p, base in "coloured: NPV > 0, probability \(p); dashed: base case \(base)" },
        histogramAxis: "NPV (present value)", shareOfSamples: "share of samples",
        sCurveTitle: "Benefit-cost ratio: cumulative distribution",
        sCurveSubtitle: { below, base in "P(BCR < 1) = \(below); vertical line: BCR = 1; dashed: base case \(base)" },
        sCurveAxis: "benefit-cost ratio (euros returned per euro invested)",
        tornadoTitle: "Tornado: NPV with one estimate at a time at its P10 and P90",
        tornadoSubtitle: "others at their base values; largest swing first. Blue: at P90; orange: at P10",
        npvAxis: "NPV (present value)", baseMark: "base",
        actorsTitle: "Who pays, who benefits: net present value per actor",
        actorsSubtitle: "bar: 90% interval (P5–P95); dot: mean; diamond: base case",
        actorsAxis: "net (present value): received minus paid",
        fanTitle: { input in "Fan chart: NPV across \(input)" },
        fanSubtitle: "median, 25–75% band (dark) and 5–95% band (light); common random numbers",
        convergenceTitle: "Convergence of the mean NPV",
        convergenceSubtitle: "running mean and its 95% band after 1, 2, 4, … chunks of 8,192 samples",
        convergenceAxis: "samples (log scale)", meanNPV: "mean NPV",
        casesTitle: "Net per case (without − with − cost), with price uncertainty",
        casesAxis: "net per case"
    )
}
