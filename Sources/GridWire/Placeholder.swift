// The module is being written; see the issue on the teaching middleware.
