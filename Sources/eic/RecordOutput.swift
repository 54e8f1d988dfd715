import EventInvokeConfigARN
import EventInvokeConfigKit
import Foundation

/// Renders records as the AWS CLI does: JSON with the API's keys, or a table.
enum RecordOutput {
    /// A timestamp as the AWS CLI (v2, `cli_timestamp_format = iso8601`) prints it in UTC: Python's
    /// `isoformat()`, e.g. `2019-12-31T20:33:26.719000+00:00`, without the fraction when it is zero.
    static func iso8601(_ date: Date) -> String { Timestamp.iso8601(date, style: .awsCLI) }

    /// The record as the AWS CLI prints the service's answer: the record's own wire encoding (the API's keys and
    /// nesting, both destination halves, an unset one as `{}`, absent settings omitted), with `LastModified` as the
    /// AWS CLI prints timestamps.
    static func object(_ record: EventInvokeConfigRecord) -> [String: Any] {
        guard let encoded = try? JSONEncoder().encode(record),
            var object = (try? JSONSerialization.jsonObject(with: encoded)) as? [String: Any]
        else { preconditionFailure("a record always encodes to a JSON object") }
        object["LastModified"] = iso8601(record.lastModified)
        return object
    }

    static func render(_ record: EventInvokeConfigRecord, format: OutputFormat) -> String {
        switch format {
        case .json: return JSONOutput.render(object(record))
        case .table: return table([record])
        }
    }

    static func renderList(_ records: [EventInvokeConfigRecord], nextToken: String?, format: OutputFormat) -> String {
        switch format {
        case .json:
            var object: [String: Any] = ["FunctionEventInvokeConfigs": records.map(self.object)]
            if let nextToken { object["NextToken"] = nextToken }
            return JSONOutput.render(object)
        case .table:
            return table(records) + (nextToken.map { "\nNextToken: \($0)" } ?? "")
        }
    }

    /// One row per record, one column per setting; what came from the service is escaped (a destination the
    /// service returned may hold any text).
    static func table(_ records: [EventInvokeConfigRecord]) -> String {
        let header = ["FunctionArn", "Retries", "MaxAge(s)", "OnSuccess", "OnFailure", "LastModified"]
        let rows = records.map { record in
            [
                record.functionARN.description, record.config.maximumRetryAttempts.map { String($0.value) } ?? "-",
                record.config.maximumEventAge.map { String($0.seconds) } ?? "-",
                record.config.destinationConfig?.onSuccess.map { DisplayText.escaped($0.description) } ?? "-",
                record.config.destinationConfig?.onFailure.map { DisplayText.escaped($0.description) } ?? "-",
                iso8601(record.lastModified),
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
