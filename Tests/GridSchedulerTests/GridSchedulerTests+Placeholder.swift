// GridSchedulerTests: see the files next to this one.
