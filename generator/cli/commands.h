// Command-line parsing for `fangyi` and its subcommands.
#pragma once

namespace fangyi::cli {

// Exit codes: 0 ok, 1 rule violations or findings, 2 usage or input error.
int run(int argc, char** argv);

}  // namespace fangyi::cli
