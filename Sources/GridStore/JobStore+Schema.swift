import GRDB

/// The schema, as migrations: add a migration for every change, never edit a shipped one.
extension JobStore {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: jobs, arrays, counters, history, logs, accounting") { db in
            try db.execute(sql: """
                -- The next job and array id. Incremented in the transaction that inserts the
                -- jobs; never decremented, so an id is never reused.
                CREATE TABLE counters (
                    name TEXT PRIMARY KEY NOT NULL,
                    next_value INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO counters (name, next_value) VALUES ('job', 0), ('array', 0);

                CREATE TABLE arrays (
                    id INTEGER PRIMARY KEY,
                    size INTEGER NOT NULL,
                    start INTEGER NOT NULL,
                    increment INTEGER NOT NULL,
                    user TEXT NOT NULL,
                    submit_time REAL NOT NULL
                );

                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY,
                    array_id INTEGER REFERENCES arrays(id),
                    task_id INTEGER NOT NULL DEFAULT 0,
                    user TEXT NOT NULL,
                    uid INTEGER NOT NULL,
                    dn TEXT,
                    name TEXT NOT NULL,
                    template TEXT NOT NULL,
                    submit_time REAL NOT NULL,
                    priority INTEGER,
                    deadline INTEGER NOT NULL DEFAULT 0,
                    type TEXT NOT NULL,
                    np INTEGER NOT NULL,
                    -- The state machine (JobLifecycle as JSON) and columns copied from it for
                    -- listing and filtering without decoding it.
                    lifecycle TEXT NOT NULL,
                    state TEXT NOT NULL,
                    em_state TEXT NOT NULL,
                    state_letter TEXT NOT NULL,
                    outcome TEXT,
                    exit_code INTEGER,
                    failure_reason TEXT,
                    note TEXT,
                    exit_time REAL,
                    host_id INTEGER,
                    host_name TEXT,
                    host_lrms TEXT,
                    host_queue TEXT,
                    restarted INTEGER NOT NULL DEFAULT 0,
                    retries INTEGER NOT NULL DEFAULT 0,
                    exec_closed INTEGER NOT NULL DEFAULT 0,
                    wrapper_open REAL,
                    xfer_closed INTEGER NOT NULL DEFAULT 0,
                    transfer_open REAL,
                    environment TEXT,
                    updated_time REAL NOT NULL
                );
                CREATE INDEX jobs_by_user ON jobs(user);
                CREATE INDEX jobs_by_state_letter ON jobs(state_letter);
                CREATE INDEX jobs_by_array ON jobs(array_id, task_id);
                CREATE INDEX jobs_by_host ON jobs(host_name);
                CREATE INDEX jobs_active ON jobs(id) WHERE state NOT IN ('done', 'fail');

                CREATE TABLE job_dependencies (
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    parent_id INTEGER NOT NULL,
                    PRIMARY KEY (job_id, parent_id)
                ) WITHOUT ROWID;
                CREATE INDEX job_dependencies_by_parent ON job_dependencies(parent_id);

                CREATE TABLE state_changes (
                    id INTEGER PRIMARY KEY,
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    time REAL NOT NULL,
                    state TEXT NOT NULL,
                    reason TEXT
                );
                CREATE INDEX state_changes_by_job ON state_changes(job_id, id);

                -- One row per host tried (gwhistory).
                CREATE TABLE history (
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    host_id INTEGER NOT NULL,
                    host_name TEXT NOT NULL,
                    lrms TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    start_time REAL NOT NULL,
                    end_time REAL,
                    prolog_start REAL, prolog_end REAL,
                    wrapper_start REAL, wrapper_end REAL,
                    epilog_start REAL, epilog_end REAL,
                    migration_start REAL, migration_end REAL,
                    reason TEXT NOT NULL,
                    message TEXT,
                    PRIMARY KEY (job_id, seq)
                ) WITHOUT ROWID;

                CREATE TABLE job_log (
                    id INTEGER PRIMARY KEY,
                    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    time REAL NOT NULL,
                    module TEXT NOT NULL,
                    level TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE INDEX job_log_by_job ON job_log(job_id, id);

                -- How freed jobs ended, for dependencies named after the parent was freed.
                CREATE TABLE freed_jobs (
                    id INTEGER PRIMARY KEY,
                    user TEXT NOT NULL,
                    state TEXT NOT NULL,
                    outcome TEXT,
                    exit_code INTEGER,
                    failure_reason TEXT,
                    exit_time REAL,
                    freed_time REAL NOT NULL
                );

                CREATE TABLE accounting_users (
                    user TEXT PRIMARY KEY NOT NULL,
                    submitted INTEGER NOT NULL DEFAULT 0,
                    done INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    killed INTEGER NOT NULL DEFAULT 0,
                    execution_seconds INTEGER NOT NULL DEFAULT 0,
                    transfer_seconds INTEGER NOT NULL DEFAULT 0,
                    wall_seconds INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;

                CREATE TABLE accounting_hosts (
                    user TEXT NOT NULL,
                    host TEXT NOT NULL,
                    host_id INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    succeeded INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    killed INTEGER NOT NULL DEFAULT 0,
                    prolog_seconds INTEGER NOT NULL DEFAULT 0,
                    wrapper_seconds INTEGER NOT NULL DEFAULT 0,
                    epilog_seconds INTEGER NOT NULL DEFAULT 0,
                    migration_seconds INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (user, host)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: the directory each job was submitted from") { db in
            // Relative INPUT_FILES, OUTPUT_FILES and streams are resolved from it on the headnode.
            try db.execute(sql: "ALTER TABLE jobs ADD COLUMN working_directory TEXT")
        }
        return migrator
    }()

    /// Defensive: a counter below an id in use (a database edited by hand) is raised past it.
    static func repairCounters(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE counters SET next_value = max(next_value,
                (SELECT coalesce(max(id), -1) + 1 FROM jobs),
                (SELECT coalesce(max(id), -1) + 1 FROM freed_jobs)) WHERE name = 'job';
            UPDATE counters SET next_value = max(next_value,
                (SELECT coalesce(max(id), -1) + 1 FROM arrays)) WHERE name = 'array';
            """)
    }

    /// Takes `count` ids from counter `name` (`job`, `array`); returns the first.
    static func allocate(_ count: Int, from name: String, _ db: Database) throws -> Int {
        guard let first = try Int.fetchOne(db, sql: "SELECT next_value FROM counters WHERE name = ?", arguments: [name]) else {
            throw StoreError(.corruptRecord, "the \(name) id counter is missing from the job database")
        }
        try db.execute(sql: "UPDATE counters SET next_value = ? WHERE name = ?", arguments: [first + count, name])
        return first
    }
}
