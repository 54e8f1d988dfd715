import EventInvokeConfigKit
import Foundation

/// Renders records as the AWS CLI does: JSON with the API's keys, or a table.
enum RecordOutput {
    /// The record as an ordered list of API keys and display values (`nil` for absent).
    static func fields(_ record: EventInvokeConfigRecord) -> [(String, String?)] {
        [
            ("FunctionArn", record.functionARN.description),
            ("LastModified", iso8601(record.lastModified)),
            ("MaximumRetryAttempts", record.config.maximumRetryAttempts.map { String($0.value) }),
            ("MaximumEventAgeInSeconds", record.config.maximumEventAge.map { String($0.seconds) }),
            ("DestinationConfig.OnSuccess", record.config.destinationConfig?.onSuccess?.description),
            ("DestinationConfig.OnFailure", record.config.destinationConfig?.onFailure?.description),
        ]
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// JSON with the API's keys and nesting; absent settings are omitted.
    static func json(_ record: EventInvokeConfigRecord, indent: String = "") -> String {
        var lines: [String] = []
        lines.append("\"FunctionArn\": \(JSONText.string(record.functionARN.description))")
        lines.append("\"LastModified\": \(JSONText.string(iso8601(record.lastModified)))")
        if let retries = record.config.maximumRetryAttempts {
            lines.append("\"MaximumRetryAttempts\": \(retries.value)")
        }
        if let age = record.config.maximumEventAge { lines.append("\"MaximumEventAgeInSeconds\": \(age.seconds)") }
        if let destinations = record.config.destinationConfig {
            let halves = destinations.destinations.map { half, destination in
                "\(indent)        \"\(half)\": {\"Destination\": \(JSONText.string(destination.description))}"
            }
            lines.append("\"DestinationConfig\": {\n" + halves.joined(separator: ",\n") + "\n\(indent)    }")
        }
        return "{\n" + lines.map { "\(indent)    " + $0 }.joined(separator: ",\n") + "\n\(indent)}"
    }

    static func render(_ record: EventInvokeConfigRecord, format: OutputFormat) -> String {
        switch format {
        case .json: return json(record)
        case .text, .table: return table([record])
        }
    }

    static func renderList(_ records: [EventInvokeConfigRecord], nextToken: String?, format: OutputFormat) -> String {
        switch format {
        case .json:
            let items = records.map { "        " + json($0, indent: "        ").dropFirst(8) }
            var text =
                "{\n    \"FunctionEventInvokeConfigs\": ["
                + (items.isEmpty ? "]" : "\n" + items.joined(separator: ",\n") + "\n    ]")
            if let nextToken { text += ",\n    \"NextToken\": \(JSONText.string(nextToken))" }
            return text + "\n}"
        case .text, .table:
            return table(records) + (nextToken.map { "\nNextToken: \($0)" } ?? "")
        }
    }

    /// One row per record, one column per setting.
    static func table(_ records: [EventInvokeConfigRecord]) -> String {
        let header = ["FunctionArn", "Retries", "MaxAge(s)", "OnSuccess", "OnFailure", "LastModified"]
        let rows = records.map { record in
            [
                record.functionARN.description, record.config.maximumRetryAttempts.map { String($0.value) } ?? "-",
                record.config.maximumEventAge.map { String($0.seconds) } ?? "-",
                record.config.destinationConfig?.onSuccess?.description ?? "-",
                record.config.destinationConfig?.onFailure?.description ?? "-", iso8601(record.lastModified),
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }
}

/// A plain text table with a header rule.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in cell.padding(toLength: widths[index]) }.joined(separator: "  ")
                .trimmingTrailingSpaces
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
