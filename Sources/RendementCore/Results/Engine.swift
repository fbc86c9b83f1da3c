/// The engine's name and version, recorded in every output, report file and part file.
public enum Engine {
    public static let name = "rendement"
    public static let version = "0.1.0"
}
