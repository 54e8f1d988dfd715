/// The most recent `limit` entries of a log, oldest first, and how many older ones were let go.
///
/// Used by the test doubles (``ScriptedTransport``, `InMemoryLambda`) so that a long suite sharing one of them keeps
/// bounded memory: once full, each new entry replaces the oldest, which is released (its memory is reused, rather
/// than every request of a 100,000-operation run staying alive).
package struct RequestLog<Entry> {
    /// How many entries the test doubles keep unless told otherwise: enough for any assertion, bounded so a long
    /// benchmark or suite does not keep every request alive.
    package static var defaultLimit: Int { 10_000 }

    /// The most entries kept.
    package let limit: Int
    /// The kept entries; once full, the oldest is at `head`.
    private var storage: [Entry] = []
    /// Where the oldest entry is once the storage is full.
    private var head = 0
    /// Entries appended and since let go (oldest first) because the log was full.
    package private(set) var droppedCount = 0

    /// Creates an empty log that keeps at most `limit` entries (at least one).
    package init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Every entry appended since the start or the last ``removeAll()``, kept or not.
    package var totalCount: Int { storage.count + droppedCount }

    /// The kept entries, oldest first.
    package var entries: [Entry] {
        guard head > 0 else { return storage }
        return Array(storage[head...]) + storage[..<head]
    }

    /// Appends an entry, replacing the oldest when the log is full.
    package mutating func append(_ entry: Entry) {
        guard storage.count >= limit else {
            storage.append(entry)
            return
        }
        storage[head] = entry
        head = head + 1 == limit ? 0 : head + 1
        droppedCount += 1
    }

    /// Forgets every entry and the dropped count.
    package mutating func removeAll() {
        storage.removeAll()
        head = 0
        droppedCount = 0
    }
}

extension RequestLog: Sendable where Entry: Sendable {}
