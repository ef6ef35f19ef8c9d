// Standard output that reports lost writes: while a StdoutGuard lives,
// std::cout writes through it to file descriptor 1 and the first write error
// is kept, so a command printing to a full disk (`> /dev/full`) can fail
// instead of exiting 0 with its output gone. (stdio's own error flag is set
// too late and without the reason: its buffer is dropped on failure.)
#pragma once

#include <array>
#include <streambuf>
#include <string>

namespace fangyi {

class StdoutGuard : public std::streambuf {
 public:
  StdoutGuard();  // installs itself as std::cout's buffer
  StdoutGuard(const StdoutGuard&) = delete;
  StdoutGuard& operator=(const StdoutGuard&) = delete;
  ~StdoutGuard() override;  // flushes and puts the previous buffer back

  // Writes out what is buffered; false with the system's reason in *error
  // when any write failed. A reader that left early (`| head`, EPIPE) is not
  // an error of ours.
  bool finish(std::string* error);

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool drain();

  std::array<char, 1 << 14> buffer_;
  std::streambuf* previous_;
  int error_ = 0;
};

}  // namespace fangyi
