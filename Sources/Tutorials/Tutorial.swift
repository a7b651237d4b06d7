import Foundation

/// A terminal tutorial read from Markdown: its checkable steps, in file order.
public struct Tutorial: Sendable, Equatable {
    /// The file as given on the command line (used in messages).
    public var path: String
    public var steps: [Step]

    public init(path: String, steps: [Step]) {
        self.path = path
        self.steps = steps
    }
}

/// One checkable block (```` ```console node=head user=alice ````): commands run in sequence
/// in one shell, each followed by the output it must print.
public struct Step: Sendable, Equatable {
    /// Where the block runs.
    public enum Target: Sendable, Equatable {
        /// On a lab node (its short name, e.g. `head`) as a user (nil: root).
        case node(String, user: String?)
        /// On the machine running vgrid.
        case host
    }

    /// 1-based position among the file's checkable blocks.
    public var number: Int
    /// Line of the opening fence.
    public var line: Int
    public var target: Target
    /// Expected exit status of the block's last command (every other command must exit 0).
    public var exitStatus: Int32
    /// Seconds the whole block may take.
    public var timeout: Double
    /// Run the block again until it matches, for at most this many seconds.
    public var retry: Double?
    /// Text given to the block's standard input (placeholders allowed), a newline added.
    public var input: String?
    public var commands: [Command]

    public init(number: Int, line: Int, target: Target, exitStatus: Int32 = 0, timeout: Double = Step.defaultTimeout,
                retry: Double? = nil, input: String? = nil, commands: [Command]) {
        self.number = number
        self.line = line
        self.target = target
        self.exitStatus = exitStatus
        self.timeout = timeout
        self.retry = retry
        self.input = input
        self.commands = commands
    }

    public static let defaultTimeout = 120.0

    /// The user a node block runs as (nil: root, or a host block).
    public var user: String? {
        if case let .node(_, user) = target { return user }
        return nil
    }

    /// `head, alice`, `worker1, root` or `host`, as reports show it.
    public var label: String {
        switch target {
        case .host: return "host"
        case let .node(node, user): return "\(node), \(user ?? "root")"
        }
    }
}

/// One `$ ` line (plus its `> ` continuation lines) and the lines expected after it.
public struct Command: Sendable, Equatable {
    /// The command as the student types it; continuation lines are joined with newlines.
    public var text: String
    public var line: Int
    public var expected: [ExpectedLine]

    public init(text: String, line: Int, expected: [ExpectedLine] = []) {
        self.text = text
        self.line = line
        self.expected = expected
    }
}

/// A line of expected output: literal text, `<...>` wildcards inside, or `...` for any lines.
public struct ExpectedLine: Sendable, Equatable {
    public var text: String
    public var line: Int

    public init(_ text: String, line: Int) {
        self.text = text
        self.line = line
    }

    /// `...` alone on the line: any number of lines, including none.
    public var isAnyLines: Bool { text.trimmingCharacters(in: .whitespaces) == "..." }
}
