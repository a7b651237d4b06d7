import GridCA
