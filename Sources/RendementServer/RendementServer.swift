import Foundation
import Hummingbird
import Logging

/// Builds and runs the `rendement serve` application.
public enum RendementServerApp {
    /// The application: routes, auth, the job store under `config.dataDirectory` and the scheduler
    /// (a service that runs and stops with the HTTP server).
    public static func make(config: ServerConfig, metrics: ServerMetrics = ServerMetrics(), logger: Logger,
                            onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        try makePrivate(config.dataDirectory)
        try FileManager.default.createDirectory(at: config.jobsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let store = try JobStore(path: config.databasePath)
        let scheduler = Scheduler(store: store, config: config, metrics: metrics, logger: logger)
        let router = Router(context: ServerContext.self)
        router.middlewares.add(MetricsMiddleware())
        router.middlewares.add(AuthMiddleware(auth: TokenAuth(tokens: config.tokens), metrics: metrics))
        Routes(store: store, scheduler: scheduler, config: config, metrics: metrics).register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "rendement"),
            services: [scheduler],
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0.ipAddress ?? config.host):\($0.port ?? config.port)" } ?? "\(config.host):\(config.port)"
                await onServerRunning(address)
            },
            logger: logger
        )
    }

    /// Holds an exclusive lock on `<data>/server.lock` for the life of the process, so that two
    /// servers never share one job store.
    public static func lockDataDirectory(_ directory: URL) throws {
        try makePrivate(directory)
        let path = directory.appendingPathComponent("server.lock").path
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LockError(message: "cannot open \(path)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw LockError(message: "another rendement server is using \(directory.path) (\(path) is locked)")
        }
        // The descriptor stays open (and locked) until the process ends.
    }

    /// The data folder holds other people's scenarios and results: it is the server's user's
    /// alone. Everything the server and its children create from now on is too (umask 077); a
    /// folder that already exists is closed (0700), and its database and tokens files (0600).
    public static func makePrivate(_ directory: URL) throws {
        umask(0o077)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(directory.path, 0o700)
        for name in ["rendement.sqlite", "rendement.sqlite-wal", "rendement.sqlite-shm", "tokens", "server.lock"] {
            let path = directory.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { chmod(path, 0o600) }
        }
        let jobs = directory.appendingPathComponent("jobs").path
        if FileManager.default.fileExists(atPath: jobs) { chmod(jobs, 0o700) }
    }

    public struct LockError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
