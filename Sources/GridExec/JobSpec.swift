import Foundation
import GridMiddleware

/// Everything the gatekeeper needs to run one job: what gwd sends on dispatch, plus the
/// staged files it transferred.
public struct JobSpec: Sendable {
    /// JOB_ID, ARRAY_ID, TASK_ID, TOTAL_TASKS and PARAM (for the GW_* variables).
    public var variables: TemplateVariables
    /// The template after variable substitution (`TemplateVariables.applyChecked(to:)`).
    public var template: JobTemplate
    /// The local account the job's grid user is mapped to.
    public var user: String
    /// GW_RESTARTED: how many times the job was started before.
    public var restarted: Int
    /// The contents of the staged files, by the text the template names them with: an
    /// INPUT_FILES source (`in.txt`, `file:///data/x`, `gsiftp://head/x`), the EXECUTABLE or
    /// the STDIN_FILE. Absolute paths are not staged and need no entry.
    public var inputs: [String: StagedInput]

    public init(variables: TemplateVariables, template: JobTemplate, user: String, restarted: Int = 0,
                inputs: [String: StagedInput] = [:]) {
        self.variables = variables
        self.template = template
        self.user = user
        self.restarted = restarted
        self.inputs = inputs
    }

    /// A spec from the job's ids; `param` is GW_PARAM (GridWay's PARAM is 0 outside arrays).
    public init(jobID: Int, arrayID: Int? = nil, taskID: Int = 0, totalTasks: Int = 0, param: Int = 0,
                template: JobTemplate, user: String, restarted: Int = 0, inputs: [String: StagedInput] = [:]) {
        let variables = TemplateVariables(jobID: jobID, arrayID: arrayID, taskID: taskID, totalTasks: totalTasks,
                                          paramStart: param - taskID, paramIncrement: 1)
        self.init(variables: variables, template: template, user: user, restarted: restarted, inputs: inputs)
    }

    public var jobID: Int { variables.jobID }
}

/// The contents of one staged input, as the gatekeeper received it.
public enum StagedInput: Sendable {
    case data(Data)
    /// A file the gatekeeper already holds (its spool); copied, not moved.
    case file(path: String)
    /// Chunks as they arrive from the network.
    case stream(AsyncThrowingStream<Data, any Error>)
}
