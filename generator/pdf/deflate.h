// Compressing page content streams with zlib (the PDF FlateDecode filter).
// One Deflater is reused for every stream a thread compresses: libharu
// starts zlib afresh for each stream, and for a few thousand small page
// streams setting up zlib's tables costs more than the compression.
#pragma once

#include <string>
#include <string_view>

struct z_stream_s;

namespace fangyi::pdf {

class Deflater {
 public:
  // `level` as zlib's: 1 (fastest) to 9 (smallest).
  explicit Deflater(int level);
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Appends the zlib stream of `in` to `out`; false when zlib fails (out of
  // memory). The bytes depend only on `in` and the level, never on what
  // this Deflater compressed before.
  bool compress(std::string_view in, std::string& out);

 private:
  z_stream_s* z_;
  bool ready_;
};

}  // namespace fangyi::pdf
