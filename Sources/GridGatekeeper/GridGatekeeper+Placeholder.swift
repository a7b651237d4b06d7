// GridGatekeeper: see the files next to this one.
