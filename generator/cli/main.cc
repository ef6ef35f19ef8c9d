// The one front end: parses arguments and calls the library. Holds no logic.
#include "cli/commands.h"

int main(int argc, char** argv) { return fangyi::cli::run(argc, argv); }
