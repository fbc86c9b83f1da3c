import ArgumentParser
import Foundation
import Logging
import Metrics
import RendementCore
import RendementServer

/// `rendement serve`: the HTTP API and web page for running jobs on a shared machine.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (/v1) and a web page: jobs queued in SQLite and run one after another.",
        discussion: """
            Every route but /health needs 'Authorization: Bearer <token>' with a token from --tokens \
            (one per line). Without --tokens, DATA/tokens is used, created with a random token if missing.
            SIGTERM or Ctrl-C stops gracefully: running jobs are stopped and run again on the next start.
            See docs/server.md.

            Example:
              rendement serve --data /srv/rendement --tokens /etc/rendement/tokens --port 8080
            """
    )

    @Option(help: "The address to listen on (loopback by default; 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one; the address is printed).")
    var port = 8080

    @Option(help: "The folder for the job database and the jobs' files.")
    var data = "rendement-data"

    @Option(help: "A file of bearer tokens, one per line (default DATA/tokens, created if missing).")
    var tokens: String?

    @Option(name: .customLong("max-running"), help: "Jobs run at once (each uses every core).")
    var maxRunning = 1

    @Option(name: .customLong("max-queued"), help: "Jobs waiting at once; more are refused with 429 and Retry-After.")
    var maxQueued = 100

    @Option(name: .customLong("max-body"), help: "The largest request body in bytes (413 above it).")
    var maxBody = 2 * 1024 * 1024

    @Option(name: .customLong("max-samples"), help: "The most model runs one job may make (samples × points of a sweep, × runs per sample of Sobol' indices, …); default 1e8.",
            transform: { try SampleCount(parsing: $0, field: "--max-samples") })
    var maxSamples: SampleCount?

    @Option(name: .customLong("max-job-memory"), help: "The memory one job may use, e.g. 4G or 512M (default: half the machine's memory).",
            transform: { try ByteCount(parsing: $0, field: "--max-job-memory") })
    var maxJobMemory: ByteCount?

    @Option(name: .customLong("job-timeout"), help: "Seconds a job may run before it is stopped and marked failed.")
    var jobTimeout = 3600

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must lie between 0 and 65535.") }
        guard maxRunning >= 1 else { throw ValidationError("--max-running must be at least 1.") }
        guard maxQueued >= 1 else { throw ValidationError("--max-queued must be at least 1.") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes.") }
        guard jobTimeout >= 1 else { throw ValidationError("--job-timeout must be at least 1 second.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level '\(logLevel)'.") }
    }

    func run() async throws {
        let dataURL = URL(fileURLWithPath: data).standardizedFileURL
        do { try RendementServerApp.lockDataDirectory(dataURL) }
        catch { StandardError.write("error: \(error)\n"); throw ExitCode(1) }
        let tokensPath = tokens ?? dataURL.appendingPathComponent("tokens").path
        let tokenList: [String]
        do {
            if tokens == nil, try TokenFile.createIfMissing(tokensPath) {
                StandardError.write("created \(tokensPath) with a new random token\n")
            }
            tokenList = try TokenFile.read(tokensPath)
        } catch {
            StandardError.write("error: \(error)\n"); throw ExitCode(1)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var config = ServerConfig(dataDirectory: dataURL, tokens: tokenList, executable: executable)
        config.host = host
        config.port = port
        config.maxRunning = maxRunning
        config.maxQueued = maxQueued
        config.maxBodyBytes = maxBody
        config.maxSamples = maxSamples?.value ?? 100_000_000
        config.jobTimeout = .seconds(jobTimeout)
        if let maxJobMemory { config.maxJobMemory = maxJobMemory.value }

        var logger = Logger(label: "rendement.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let metrics = ServerMetrics()
        MetricsSystem.bootstrap(metrics.factory)
        let app = try RendementServerApp.make(config: config, metrics: metrics, logger: logger) { address in
            // Scripts wait for this line (and read the port from it when --port 0).
            StandardError.write("rendement serve: listening on http://\(address) (data \(dataURL.path), \(tokenList.count) token\(tokenList.count == 1 ? "" : "s"))\n")
        }
        try await app.runService()
    }
}

/// The program's entry (called from main.swift): in an async function, `main()` resolves to
/// ArgumentParser's asynchronous version, which runs async subcommands such as `serve`.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
func runAsyncMain() async {
    await RendementCommand.main()
}
