import Foundation
import GridMiddleware

/// Who submitted a job: the local user, gwd's user number, and the grid identity (DN).
public struct JobOwner: Sendable, Hashable {
    /// The local account name (gwps USER before the colon).
    public var user: String
    /// gwd's number for the user (gwps USER after the colon, gwuser UID).
    public var uid: Int
    /// The subject DN of the user's proxy, when the request came over the wire.
    public var dn: String?

    public init(user: String, uid: Int, dn: String? = nil) {
        self.user = user
        self.uid = uid
        self.dn = dn
    }
}

/// What gwsubmit asks for: one job, or the template shared by the tasks of an array.
public struct JobSubmission: Sendable, Hashable {
    public var owner: JobOwner
    /// The template as used (site defaults applied); stored in its normalised form.
    public var template: JobTemplate
    /// The NAME column; the template's NAME unless set.
    public var name: String
    /// gwsubmit -p (0...20); nil takes the user's FP_USER.
    public var priority: Int?
    /// Jobs that must be done first: JOB_DEPENDENCIES plus gwsubmit -d.
    public var dependencies: [Int]
    /// gwsubmit -o: held until released.
    public var held: Bool
    /// What happens to the job when a dependency fails or is killed (site policy).
    public var dependencyFailurePolicy: JobLifecycle.DependencyFailurePolicy
    /// The directory gwsubmit ran in (the template's): relative file names start there.
    public var workingDirectory: String?

    public init(owner: JobOwner, template: JobTemplate, name: String? = nil, priority: Int? = nil,
                dependencies: [Int]? = nil, held: Bool = false,
                dependencyFailurePolicy: JobLifecycle.DependencyFailurePolicy = .fail, workingDirectory: String? = nil) {
        self.workingDirectory = workingDirectory
        self.owner = owner
        self.template = template
        self.name = name ?? template.name ?? ""
        self.priority = priority
        self.dependencies = dependencies ?? template.dependencies
        self.held = held
        self.dependencyFailurePolicy = dependencyFailurePolicy
    }
}

/// The parameters of an array: gwsubmit -n tasks -s start -i increment.
public struct ArraySpec: Sendable, Hashable {
    public var tasks: Int
    public var start: Int
    public var increment: Int

    public init(tasks: Int, start: Int = 0, increment: Int = 1) {
        self.tasks = tasks
        self.start = start
        self.increment = increment
    }
}

/// One job as the store created it, with the state machine after `submit`.
public struct SubmittedJob: Sendable, Hashable {
    public var id: Int
    /// Nil when the job is not part of an array.
    public var arrayID: Int?
    public var taskID: Int
    public var lifecycle: JobLifecycle
    /// The actions of the submit event. The store has already performed `recordState`, `log`
    /// and `appendHistory`; the daemon performs the rest (`requestSchedule`, `notifyDependants`...).
    public var actions: [JobAction]
}

/// An array as the store created it: its id and its tasks in TASK_ID order.
public struct SubmittedArray: Sendable, Hashable {
    public var arrayID: Int
    public var jobs: [SubmittedJob]

    /// The job ids in TASK_ID order.
    public var jobIDs: [Int] { jobs.map(\.id) }
}

/// A job's place in its array, and what `${TASK_ID}`, `${PARAM}` and friends need.
public struct ArrayMembership: Sendable, Hashable {
    public var arrayID: Int
    public var taskID: Int
    /// TOTAL_TASKS.
    public var size: Int
    public var start: Int
    public var increment: Int

    public init(arrayID: Int, taskID: Int, size: Int, start: Int, increment: Int) {
        self.arrayID = arrayID
        self.taskID = taskID
        self.size = size
        self.start = start
        self.increment = increment
    }

    /// The template variables of task `taskID` of this array, for job `jobID`.
    public func variables(jobID: Int, environment: [EnvironmentVariable] = []) -> TemplateVariables {
        TemplateVariables(jobID: jobID, arrayID: arrayID, taskID: taskID, totalTasks: size, paramStart: start,
                          paramIncrement: increment, environment: environment)
    }
}
