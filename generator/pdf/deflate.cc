// deflateReset between streams keeps zlib's allocations; the output buffer
// is sized by deflateBound so a single deflate(Z_FINISH) call completes.
#include "pdf/deflate.h"

#include <zlib.h>

namespace fangyi::pdf {

// zlib's hash table is cleared for every stream; at memLevel 5 it is 8 KB
// instead of the default 64 KB, plenty for page streams of a few kilobytes.
constexpr int kMemLevel = 5;

Deflater::Deflater(int level) : z_(new z_stream{}) {
  ready_ = deflateInit2(z_, level, Z_DEFLATED, MAX_WBITS, kMemLevel, Z_DEFAULT_STRATEGY) == Z_OK;
}

Deflater::~Deflater() {
  if (ready_) deflateEnd(z_);
  delete z_;
}

bool Deflater::compress(std::string_view in, std::string& out) {
  if (!ready_ || deflateReset(z_) != Z_OK) return false;
  std::size_t start = out.size();
  uLong bound = deflateBound(z_, uLong(in.size()));
  out.resize(start + bound);
  z_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z_->avail_in = uInt(in.size());
  z_->next_out = reinterpret_cast<Bytef*>(out.data() + start);
  z_->avail_out = uInt(bound);
  int rc = deflate(z_, Z_FINISH);
  out.resize(start + (bound - z_->avail_out));
  return rc == Z_STREAM_END;
}

}  // namespace fangyi::pdf
