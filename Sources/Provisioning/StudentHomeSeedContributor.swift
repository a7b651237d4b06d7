import Foundation
import LabModel

/// What a student finds at home on the headnode, beside `~/.globus`: `~/examples` (GridWay job
/// templates that run on the lab as they are, one per kind of job in the tutorials) and
/// `~/tutorials` (the course's Markdown tutorials, when the lab has them). All owned by the
/// account; rewritten at every boot like every seeded file.
struct StudentHomeSeedContributor: SeedContributor {
    /// The tutorials, by file name.
    var tutorials: [(name: String, contents: [UInt8])]

    func contribute(to seed: inout NodeSeed, node: NodeLayout, in layout: InstanceLayout) throws {
        guard node.node.role == .headnode else { return }
        for user in layout.instance.users {
            let home = "/home/\(user.name)"
            for example in JobExamples.files {
                seed.files.append(.init(path: "\(home)/examples/\(example.name)", mode: example.mode,
                                        owner: user.name, group: user.name, text: example.text))
            }
            for tutorial in tutorials {
                seed.files.append(.init(path: "\(home)/tutorials/\(tutorial.name)", mode: 0o644,
                                        owner: user.name, group: user.name, contents: tutorial.contents))
            }
        }
    }
}

/// The course's tutorials for students' homes: the Markdown files of `course-material/` beside
/// the lab file or one directory up (where `vgrid export` finds it too). The instructor's guide
/// stays out; no directory means no tutorials, which is not an error.
enum CourseMaterial {
    static func tutorials(forLabAt sourcePath: String) -> [(name: String, contents: [UInt8])] {
        let labDirectory = ((sourcePath as NSString).deletingLastPathComponent as NSString).standardizingPath
        let base = labDirectory.isEmpty ? "." : labDirectory
        let fm = FileManager.default
        guard let directory = ["\(base)/course-material", "\(base)/../course-material"].first(where: {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }) else { return [] }
        let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix(".md") && !$0.hasPrefix(".") && !$0.lowercased().hasPrefix("instructor")
        }.sorted()
        return names.compactMap { name in
            let path = "\(directory)/\(name)"
            guard let attributes = try? fm.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular,
                  let data = fm.contents(atPath: path) else { return nil }
            return (name, Array(data))
        }
    }
}

/// Job templates for `~/examples`, one for each kind of job the tutorials teach. They name only
/// programs every workernode has, so each one runs as it is (the lab test submits them all).
enum JobExamples {
    struct File {
        var name: String
        var mode: Int = 0o644
        var text: String
    }

    static let files: [File] = [
        File(name: "README", text: """
            Job templates to try on this lab's grid (GridWay's format: KEY = value lines).
            Every job needs a proxy first:

                grid-proxy-init                  # the passphrase from your access sheet

            Run the examples from this directory (cd ~/examples): each job's output comes back
            next to its template. The tutorials (~/tutorials) explain every step.

            1. A simple job: /bin/hostname on a workernode (tutorial 6)
                 gwsubmit -v hello.jt            # JOB ID: 0
                 gwwait -v 0                     # 0 : 0  (job id : exit code)
                 cat hello.out                   # the workernode that ran it

            2. Your own script, copied to the workernode and run there
                 gwsubmit -v script.jt
                 gwwait -v JID; cat script.out

            3. An array: 4 tasks of one template, a parameter sweep (tutorial 7)
                 gwsubmit -v -n 4 -s 10 -i 5 sweep.jt   # ARRAY ID: A, then one job per task
                 gwwait -v -A A
                 cat sweep.*.out                 # task 0 of 4: param 10 ... task 3 of 4: param 25

            4. A dependent job: second.jt reads what first.jt wrote (tutorial 7)
                 first=$(gwsubmit -v first.jt | cut -d' ' -f3)
                 second=$(gwsubmit -v -d "$first" second.jt | cut -d' ' -f3)
                 gwps                            # second is on hold until first is done
                 gwwait -v $first $second; cat second.out

            5. A workflow (DAG): prepare, then left and right side by side, then merge (tutorial 7)
                 gwdag --dot diamond.dag         # the graph, in Graphviz's DOT language
                 gwdag diamond.dag               # runs it, waits, prints a summary
                 gwwait $(gwps -n -o J)          # collect its jobs afterwards

            Follow jobs with gwps, gwhistory JID and gwhost; cancel one with gwkill JID.
            These files are written again when the node boots: copy one before you change it.

            """),
        File(name: "hello.jt", text: """
            # A simple job: run /bin/hostname on a workernode; its output comes back here.
            #   gwsubmit -v hello.jt; gwwait -v JID; cat hello.out
            NAME        = hello
            EXECUTABLE  = /bin/hostname
            STDOUT_FILE = hello.out
            STDERR_FILE = hello.err

            """),
        File(name: "hello.sh", mode: 0o755, text: """
            #!/bin/sh
            # Run by script.jt on a workernode: gwd copies it there first.
            echo "hello from $(hostname), running as $(id -un) with arguments: $*"

            """),
        File(name: "script.jt", text: """
            # Your own program: a relative EXECUTABLE is copied to the workernode (staged) and run there.
            #   gwsubmit -v script.jt; gwwait -v JID; cat script.out
            NAME        = script
            EXECUTABLE  = hello.sh
            ARGUMENTS   = one two
            STDOUT_FILE = script.out
            STDERR_FILE = script.err

            """),
        File(name: "sweep.jt", text: """
            # An array job: gwsubmit -n 4 -s 10 -i 5 makes 4 tasks; each gets TASK_ID (0..3),
            # TOTAL_TASKS (4) and PARAM = 10 + 5 * TASK_ID.
            #   gwsubmit -v -n 4 -s 10 -i 5 sweep.jt; gwwait -v -A ARRAY_ID; cat sweep.*.out
            NAME        = sweep
            EXECUTABLE  = /bin/echo
            ARGUMENTS   = "task ${TASK_ID} of ${TOTAL_TASKS}: param ${PARAM}"
            STDOUT_FILE = sweep.${TASK_ID}.out
            STDERR_FILE = sweep.${TASK_ID}.err

            """),
        File(name: "first.jt", text: """
            # The parent of a dependency: writes first.out, which second.jt reads.
            #   first=$(gwsubmit -v first.jt | cut -d' ' -f3)
            NAME        = first
            EXECUTABLE  = /bin/date
            STDOUT_FILE = first.out
            STDERR_FILE = first.err

            """),
        File(name: "second.jt", text: """
            # A dependent job: submit it with -d so that it waits (hold) until first.jt is done.
            #   gwsubmit -v -d "$first" second.jt
            # INPUT_FILES copies first.out (written by the parent) to the workernode.
            NAME        = second
            EXECUTABLE  = /bin/cat
            ARGUMENTS   = first.out
            INPUT_FILES = first.out
            STDOUT_FILE = second.out
            STDERR_FILE = second.err

            """),
        File(name: "step.jt", text: """
            # One step of diamond.dag: each job writes the workernode's name to dag.JOB_ID.out.
            EXECUTABLE  = /bin/hostname
            STDOUT_FILE = dag.${JOB_ID}.out
            STDERR_FILE = dag.${JOB_ID}.err

            """),
        File(name: "diamond.dag", text: """
            # A workflow for gwdag: prepare, then left and right in parallel, then merge.
            #   gwdag --dot diamond.dag    draws it (DOT)
            #   gwdag diamond.dag          runs it
            JOB prepare step.jt
            JOB left    step.jt
            JOB right   step.jt
            JOB merge   step.jt
            PARENT prepare CHILD left right
            PARENT left right CHILD merge

            """),
    ]
}
