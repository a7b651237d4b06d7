// The functions are static inline in include/CFileSystemIDs.h; SwiftPM needs one source file.
