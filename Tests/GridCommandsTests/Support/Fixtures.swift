import Foundation
import GridWire

/// Fixed rows the test gwd answers with.
enum Fixtures {
    /// 2024-05-06 10:42:09 UTC.
    static let start = Date(timeIntervalSince1970: 1_714_992_129)

    static let doneJob = JobInfo(id: 1, user: "ada", uid: 1001, name: "jt", state: "done", stateLetter: "z", start: start,
                                 end: start + 52, executionSeconds: 31, transferSeconds: 8, exitCode: 0, host: "worker1/fork")
    static let pendingJob = JobInfo(id: 2, user: "ada", uid: 1001, name: "sleep", state: "pend", stateLetter: "i", start: start + 171)
    static let arrayJobs = (0..<3).map { task in
        JobInfo(id: 10 + task, user: "ada", uid: 1001, name: "sweep", state: "wrap", executionState: "actv", stateLetter: "w",
                start: start, host: "worker2.intro.lab/fork", arrayID: 4, taskID: task)
    }

    static let worker1 = HostInfo(id: 0, name: "worker1", priority: 1, usedSlots: 1, attributes: [
        "HOSTNAME": "worker1", "OS_NAME": "Linux", "OS_VERSION": "6.6", "ARCH": "x86_64", "CPU_MHZ": 2400, "CPU_FREE": 97,
        "FREE_MEM_MB": 900, "SIZE_MEM_MB": 1024, "FREE_DISK_MB": 5000, "SIZE_DISK_MB": 8000, "QUEUE_FREENODECOUNT": 1,
        "QUEUE_NODECOUNT": 2, "NODECOUNT": 2, "LRMS_NAME": "fork", "QUEUE_NAME": "default", "QUEUE_MAXRUNNINGJOBS": 2,
    ])
    static let worker2 = HostInfo(id: 1, name: "worker2", priority: 5, attributes: ["ARCH": "aarch64", "NODECOUNT": 4, "QUEUE_FREENODECOUNT": 4])
}
