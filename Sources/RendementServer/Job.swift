import Foundation
import GRDB

/// A job's lifecycle: queued → running → succeeded | failed | cancelled (running → queued again
/// after a crash or a graceful shutdown).
public enum JobStatus: String, Sendable, Codable, CaseIterable, DatabaseValueConvertible {
    case queued, running, succeeded, failed, cancelled

    var isFinished: Bool { self == .succeeded || self == .failed || self == .cancelled }
}

/// One row of the `jobs` table.
struct Job: Sendable, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "jobs"

    var id: String
    /// Submission order (FIFO), also the cursor of the job list.
    var seq: Int64
    var kind: JobKind
    var status: JobStatus
    /// The options as a JSON object, as the client gave them (canonical order).
    var options: String
    var scenario: String
    var idempotencyKey: String?
    /// SHA-256 of kind, scenario and options: the same key with another body is refused.
    var requestHash: String
    /// The first 16 hex digits of the SHA-256 of the token that submitted the job.
    var tokenHash: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    /// How many times the job was started (more than 1 after a crash or a restart).
    var attempts: Int
    var error: String?
    /// The child process while running (to stop an orphan after a crash).
    var pid: Int32?
    /// Set by DELETE while running; the scheduler stops the child.
    var cancelRequested: Bool
    /// For `report`: the files written, comma-separated.
    var files: String?

    enum CodingKeys: String, CodingKey {
        case id, seq, kind, status, options, scenario
        case idempotencyKey = "idempotency_key", requestHash = "request_hash", tokenHash = "token_hash"
        case createdAt = "created_at", startedAt = "started_at", finishedAt = "finished_at"
        case attempts, error, pid, cancelRequested = "cancel_requested", files
    }

    var fileList: [String] { files.map { $0.split(separator: ",").map(String.init) } ?? [] }
}

extension JobKind: DatabaseValueConvertible {}
