/// gwsubmit -v output.
public enum SubmitFormatter {
    /// `JOB ID: 7`.
    public static func job(_ id: Int) -> String { "JOB ID: \(id)\n" }

    /// `ARRAY ID: 2`, a blank line, a `TASK JOB` table (task ids from 0), a blank line.
    public static func array(_ arrayID: Int, jobIDs: [Int]) -> String {
        var lines = ["ARRAY ID: \(arrayID)", "", TextColumns.line([TextColumns.left("TASK", 4), TextColumns.left("JOB", 4)])]
        for (task, job) in jobIDs.enumerated() {
            lines.append(TextColumns.line([TextColumns.left(String(task), 4), TextColumns.left(String(job), 4)]))
        }
        return lines.map { $0 + "\n" }.joined() + "\n"
    }
}
