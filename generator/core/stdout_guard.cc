// StdoutGuard: a buffered streambuf over write(2) on descriptor 1 that keeps
// the first errno.
#include "core/stdout_guard.h"

#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <system_error>

namespace fangyi {

StdoutGuard::StdoutGuard() : previous_(std::cout.rdbuf()) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  std::cout.rdbuf(this);
}

StdoutGuard::~StdoutGuard() {
  drain();
  std::cout.rdbuf(previous_);
}

bool StdoutGuard::drain() {
  const char* p = pbase();
  std::size_t left = static_cast<std::size_t>(pptr() - pbase());
  while (left > 0 && error_ == 0) {
    ssize_t n = ::write(STDOUT_FILENO, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n < 0 ? errno : EIO;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // After an error the rest is dropped: there is nowhere to put it.
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return error_ == 0;
}

StdoutGuard::int_type StdoutGuard::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int StdoutGuard::sync() { return drain() ? 0 : -1; }

bool StdoutGuard::finish(std::string* error) {
  std::cout.flush();
  drain();
  if (error_ == 0 || error_ == EPIPE) return true;
  if (error != nullptr) *error = std::error_code(error_, std::generic_category()).message();
  return false;
}

}  // namespace fangyi
