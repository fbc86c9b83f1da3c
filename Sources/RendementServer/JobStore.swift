import Foundation
import GRDB

/// The jobs table in SQLite (WAL mode, synchronous FULL: a job acknowledged with 202 is on disk).
final class JobStore: Sendable {
    let pool: DatabasePool

    init(path: String) throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "jobs") { t in
                t.primaryKey("id", .text)
                t.column("seq", .integer).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("options", .text).notNull()
                t.column("scenario", .text).notNull()
                t.column("idempotency_key", .text).unique()
                t.column("request_hash", .text).notNull()
                t.column("token_hash", .text)
                t.column("created_at", .datetime).notNull()
                t.column("started_at", .datetime)
                t.column("finished_at", .datetime)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("error", .text)
                t.column("pid", .integer)
                t.column("cancel_requested", .boolean).notNull().defaults(to: false)
                t.column("files", .text)
            }
        }
        return migrator
    }

    /// What `insert` did.
    enum Insertion { case created(Job), existing(Job), conflict(Job), full(queued: Int) }

    /// Inserts a queued job in one transaction: an existing job with the same idempotency key is
    /// returned instead (or reported as a conflict when its request differs); a full queue refuses.
    func insert(kind: JobKind, options: String, scenario: String, idempotencyKey: String?, requestHash: String,
                tokenHash: String?, maxQueued: Int) throws -> Insertion {
        try pool.write { db in
            if let key = idempotencyKey, let existing = try Job.filter(Column("idempotency_key") == key).fetchOne(db) {
                return existing.requestHash == requestHash ? .existing(existing) : .conflict(existing)
            }
            let queued = try Job.filter(Column("status") == JobStatus.queued).fetchCount(db)
            if queued >= maxQueued { return .full(queued: queued) }
            let seq = (try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM jobs") ?? 0) + 1
            let job = Job(id: Self.newID(), seq: seq, kind: kind, status: .queued, options: options, scenario: scenario,
                          idempotencyKey: idempotencyKey, requestHash: requestHash, tokenHash: tokenHash, createdAt: Date(),
                          attempts: 0, cancelRequested: false)
            try job.insert(db)
            return .created(job)
        }
    }

    /// A sortable id: milliseconds since 1970 in hex, then 8 random hex digits.
    static func newID() -> String {
        let ms = UInt64(Date().timeIntervalSince1970 * 1000)
        return String(format: "%011llx", ms) + String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }

    /// The job submitted with this idempotency key, if any.
    func job(idempotencyKey key: String) throws -> Job? {
        try pool.read { db in try Job.filter(Column("idempotency_key") == key).fetchOne(db) }
    }

    func job(_ id: String) throws -> Job? {
        try pool.read { db in try Job.fetchOne(db, key: id) }
    }

    /// Newest first; `before` is the `seq` cursor of the previous page.
    func list(status: JobStatus?, before: Int64?, limit: Int) throws -> [Job] {
        try pool.read { db in
            var request = Job.all()
            if let status { request = request.filter(Column("status") == status) }
            if let before { request = request.filter(Column("seq") < before) }
            return try request.order(Column("seq").desc).limit(limit).fetchAll(db)
        }
    }

    func queuedCount() throws -> Int {
        try pool.read { db in try Job.filter(Column("status") == JobStatus.queued).fetchCount(db) }
    }

    func counts() throws -> [JobStatus: Int] {
        try pool.read { db in
            var result: [JobStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                if let status = JobStatus(rawValue: row["status"]) { result[status] = row["n"] }
            }
            return result
        }
    }

    /// Takes the oldest queued job and marks it running (one more attempt), atomically.
    func claimNext() throws -> Job? {
        try pool.write { db in
            guard var job = try Job.filter(Column("status") == JobStatus.queued).order(Column("seq")).fetchOne(db) else { return nil }
            job.status = .running
            job.startedAt = Date()
            job.attempts += 1
            job.error = nil
            job.pid = nil
            try job.update(db)
            return job
        }
    }

    func setPID(_ id: String, _ pid: Int32) throws {
        try pool.write { db in try db.execute(sql: "UPDATE jobs SET pid = ? WHERE id = ?", arguments: [pid, id]) }
    }

    /// Records the end of a running job (nothing happens if it is no longer running).
    func finish(_ id: String, status: JobStatus, error: String?, files: [String]? = nil) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE jobs SET status = ?, error = ?, files = ?, finished_at = ?, pid = NULL
                WHERE id = ? AND status = 'running'
                """, arguments: [status, error, files?.joined(separator: ","), Date(), id])
        }
    }

    /// Puts a running job back in the queue (graceful shutdown): it runs again on the next start.
    func requeue(_ id: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE jobs SET status = 'queued', pid = NULL WHERE id = ? AND status = 'running'", arguments: [id])
        }
    }

    /// After a crash: every job left running goes back to the queue. Returns them (with the pids
    /// of their children, which may still be alive).
    func recover() throws -> [Job] {
        try pool.write { db in
            let running = try Job.filter(Column("status") == JobStatus.running).fetchAll(db)
            try db.execute(sql: "UPDATE jobs SET status = 'queued', pid = NULL WHERE status = 'running'")
            // A cancel asked for before the crash still holds.
            try db.execute(sql: "UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE status = 'queued' AND cancel_requested",
                           arguments: [Date()])
            return running
        }
    }

    enum Cancellation { case cancelled(Job), stopping(Job), finished(Job), notFound }

    /// Cancels a queued job at once; asks the scheduler to stop a running one.
    func cancel(_ id: String) throws -> Cancellation {
        try pool.write { db in
            guard var job = try Job.fetchOne(db, key: id) else { return .notFound }
            switch job.status {
            case .queued:
                job.status = .cancelled
                job.finishedAt = Date()
                job.cancelRequested = true
                try job.update(db)
                return .cancelled(job)
            case .running:
                job.cancelRequested = true
                try job.update(db)
                return .stopping(job)
            default:
                return .finished(job)
            }
        }
    }
}
