import GridTools
