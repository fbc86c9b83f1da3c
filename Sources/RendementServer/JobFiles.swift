import Foundation

/// The files of one job under `<data>/jobs/<id>/`: the scenario, the result, the report's files.
/// A result appears only by a rename after the child succeeded, so a crash never leaves half of one.
struct JobFiles: Sendable {
    let directory: URL

    static let resultName = "result.json"
    static let filesFolder = "files"
    static let progressName = "progress"
    /// The job's view (an HTML fragment the child wrote with `--view`), for every kind but `report`.
    static let viewName = "view.html"

    var result: URL { directory.appendingPathComponent(Self.resultName) }
    var files: URL { directory.appendingPathComponent(Self.filesFolder, isDirectory: true) }
    var progress: URL { directory.appendingPathComponent(Self.progressName) }
    func output(attempt: Int) -> URL { directory.appendingPathComponent("attempt-\(attempt).out") }
    func errors(attempt: Int) -> URL { directory.appendingPathComponent("attempt-\(attempt).err") }
    func reportFolderName(attempt: Int) -> String { "attempt-\(attempt)-files" }
    var view: URL { directory.appendingPathComponent(Self.viewName) }
    func viewName(attempt: Int) -> String { "attempt-\(attempt).view.html" }
    func view(attempt: Int) -> URL { directory.appendingPathComponent(viewName(attempt: attempt)) }

    /// Creates the folder and writes the scenario under the name the CLI's JSON will show.
    func prepare(scenario: String, fileName: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(scenario.utf8).write(to: directory.appendingPathComponent(fileName), options: .atomic)
        try? FileManager.default.removeItem(at: progress)
    }

    /// Moves a successful attempt's output into place (for `report`, the folder; its
    /// `result.json` is the job's result and its `report.html` the view). Returns the report's file names.
    func publish(attempt: Int, kind: JobKind) throws -> [String]? {
        let fm = FileManager.default
        if kind == .report {
            let folder = directory.appendingPathComponent(reportFolderName(attempt: attempt), isDirectory: true)
            if fm.fileExists(atPath: files.path) { try fm.removeItem(at: files) }
            try fm.moveItem(at: folder, to: files)
            let names = try fm.contentsOfDirectory(atPath: files.path).sorted()
            for name in names { Self.flush(files.appendingPathComponent(name)) }
            Self.flush(files)
            // The report's own self-contained HTML is its view (the same renderer as the file).
            let html = files.appendingPathComponent("report.html")
            if fm.fileExists(atPath: html.path) { try replace(view, with: html, copy: true) }
            try replace(result, with: files.appendingPathComponent(Self.resultName), copy: true)
            return names
        }
        // The view first: a result in place means its view is too (when the child wrote one).
        if fm.fileExists(atPath: view(attempt: attempt).path) { try replace(view, with: view(attempt: attempt), copy: false) }
        try replace(result, with: output(attempt: attempt), copy: false)
        return nil
    }

    /// Atomic replacement by rename (a copy goes to a temporary name first).
    private func replace(_ target: URL, with source: URL, copy: Bool) throws {
        let fm = FileManager.default
        var from = source
        if copy {
            from = directory.appendingPathComponent(".\(target.lastPathComponent).tmp")
            try? fm.removeItem(at: from)
            try fm.copyItem(at: source, to: from)
        }
        Self.flush(from)
        guard rename(from.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        Self.flush(directory)
    }

    /// Forces a file's (or folder's) contents to disk, so that a result the database marks
    /// succeeded afterwards survives a power loss, not only a crash of the process.
    private static func flush(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// The end of an attempt's error text (the child's stderr): its last 4 KiB.
    func errorTail(attempt: Int) -> String { ChildProcess.tail(of: errors(attempt: attempt)) }

    /// Removes an attempt's leftovers (outputs are kept only once published).
    func cleanUp(attempt: Int) {
        let fm = FileManager.default
        try? fm.removeItem(at: output(attempt: attempt))
        try? fm.removeItem(at: errors(attempt: attempt))
        try? fm.removeItem(at: view(attempt: attempt))
        try? fm.removeItem(at: directory.appendingPathComponent(reportFolderName(attempt: attempt)))
    }

    /// The fraction the child last wrote, if any.
    func progressFraction() -> Double? {
        guard let text = try? String(contentsOf: progress, encoding: .utf8) else { return nil }
        return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)).map { min(max($0, 0), 1) }
    }

    /// A file of the report by name, or nil when the name is not a plain file name in `files/`.
    func reportFile(named name: String) -> URL? {
        guard !name.isEmpty, name.count <= 255, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\"),
              !name.contains("\0") else { return nil }
        let url = files.appendingPathComponent(name)
        // Resolve links too: the file must really lie in the job's folder.
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(files.resolvingSymlinksInPath().path + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: resolved)
    }
}
