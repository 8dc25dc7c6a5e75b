package raster

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// bandRows is how many rows of the picture are drawn and compressed at a
// time: a few megabytes of pixels even for the widest map.
const bandRows = 256

// encodePNG draws p a band of rows at a time and writes it as an 8-bit RGB
// PNG (the page is opaque), compressing the bands on the other cores while
// the next band is drawn.
//
// image/png needs the whole image in memory, tries five filters on every
// row and deflates on one core; for a large map that took longer, and more
// memory, than drawing it. Here every row uses the Up filter (a map is
// mostly flat colour, so a row mostly repeats the one above) and each band
// is deflated on its own, ending in a sync flush, so that the pieces join
// into one valid zlib stream, as pigz does.
func encodePNG(w io.Writer, p *page) error {
	if p.w <= 0 || p.h <= 0 {
		return errEmpty
	}
	type band struct {
		z   []byte // the band's filtered rows, deflated
		sum uint32 // Adler-32 of the filtered rows
		n   int    // their length
		err error
	}
	type job struct {
		i     int
		strip *image.RGBA
		above []byte // the row above the band, as RGB; zero above the top
	}
	nbands := (p.h + bandRows - 1) / bandRows
	bands := make([]band, nbands)
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	// Strips go round: the drawing loop takes a free one, a worker gives
	// it back once compressed; so at most this many are in memory.
	free := make(chan *image.RGBA, workers+1)
	for range workers + 1 {
		free <- image.NewRGBA(image.Rect(0, 0, p.w, min(bandRows, p.h)))
	}
	jobs := make(chan job, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fw *flate.Writer
			cur := make([]byte, 3*p.w)
			raw := make([]byte, 0, bandRows*(1+3*p.w))
			for j := range jobs {
				// Filter: each row as its difference from the row above.
				// j.above belongs to this job, so it may be reused as
				// scratch afterwards.
				raw = raw[:0]
				prev := j.above
				for y := j.strip.Rect.Min.Y; y < j.strip.Rect.Max.Y; y++ {
					rgb(cur, j.strip, y)
					n := len(raw)
					raw = raw[:n+1+len(cur)]
					raw[n] = 2 // the Up filter
					// Slices of equal length let the compiler drop the
					// bounds checks in the loop: it is the hot one.
					dst, c, p := raw[n+1:], cur[:len(cur)], prev[:len(cur)]
					for x := range dst {
						dst[x] = c[x] - p[x]
					}
					prev, cur = cur, prev
				}
				free <- j.strip
				var z bytes.Buffer
				z.Grow(len(raw) / 16)
				if fw == nil {
					fw, _ = flate.NewWriter(&z, flate.BestSpeed)
				} else {
					fw.Reset(&z)
				}
				_, err := fw.Write(raw)
				if err == nil {
					if j.i == nbands-1 {
						err = fw.Close()
					} else {
						err = fw.Flush()
					}
				}
				bands[j.i] = band{z: z.Bytes(), sum: adler32.Checksum(raw), n: len(raw), err: err}
			}
		}()
	}

	// Draw the bands in order here (oksvg's shapes cannot be drawn from
	// two goroutines at once); the workers filter and deflate them.
	above := make([]byte, 3*p.w)
	var drawErr error
	for i := 0; i < nbands; i++ {
		y0 := i * bandRows
		y1 := min(y0+bandRows, p.h)
		strip := <-free
		strip.Rect = image.Rect(0, y0, p.w, y1)
		strip.Pix = strip.Pix[:cap(strip.Pix)][:(y1-y0)*strip.Stride]
		if drawErr = p.draw(strip); drawErr != nil {
			break
		}
		jobs <- job{i: i, strip: strip, above: above}
		above = make([]byte, 3*p.w)
		rgb(above, strip, y1-1)
	}
	close(jobs)
	wg.Wait()
	if drawErr != nil {
		return drawErr
	}

	// The file is put together in one buffer of its final size: growing
	// buffers of megabytes by doubling clears and copies them each time.
	// Each band becomes one IDAT chunk (their data join into one zlib
	// stream), so no band is copied twice.
	size := 8 + 12 + 13 + 12 // signature, IHDR, IEND
	for _, b := range bands {
		if b.err != nil {
			return b.err
		}
		size += 12 + len(b.z)
	}
	size += 2 + 4 // zlib header and Adler-32 trailer, inside the first and last IDAT
	out := make([]byte, 0, size)
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(p.w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(p.h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour
	out = appendChunk(out, "IHDR", ihdr)
	sum := uint32(1) // the Adler-32 of nothing
	for i, b := range bands {
		sum = adler32Join(sum, b.sum, b.n)
		var head, tail []byte
		if i == 0 {
			head = []byte{0x78, 0x01} // zlib header: deflate, fastest
		}
		if i == len(bands)-1 {
			tail = binary.BigEndian.AppendUint32(nil, sum)
		}
		out = appendChunk(out, "IDAT", head, b.z, tail)
	}
	out = appendChunk(out, "IEND")
	_, err := w.Write(out)
	return err
}

// adler32Join returns the Adler-32 of a followed by b, from their sums and
// b's length: the first half of the sum gains b's sum; the second gains
// b's, plus a's first half once for every byte of b.
func adler32Join(a, b uint32, n int) uint32 {
	const mod = 65521
	k := uint64(n % mod)
	a1, a2 := uint64(a&0xffff), uint64(a>>16)
	b1, b2 := uint64(b&0xffff), uint64(b>>16)
	s1 := (a1 + b1 + mod - 1) % mod
	s2 := (a2 + b2 + k*a1 + mod - k) % mod
	return uint32(s2<<16 | s1)
}

// errEmpty is returned for an image with no pixels, which PNG cannot hold.
var errEmpty = errors.New("the image is empty")

// rgb copies row y of img into dst as RGB.
func rgb(dst []byte, img *image.RGBA, y int) {
	b := img.Bounds()
	i := img.PixOffset(b.Min.X, y)
	src := img.Pix[i : i+4*b.Dx()]
	for x, j := 0, 0; j+3 < len(src); x, j = x+3, j+4 {
		dst[x], dst[x+1], dst[x+2] = src[j], src[j+1], src[j+2]
	}
}

// appendChunk appends a PNG chunk whose data is the parts, one after the
// other, with its length and CRC.
func appendChunk(out []byte, kind string, parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out = binary.BigEndian.AppendUint32(out, uint32(n))
	start := len(out)
	out = append(out, kind...)
	for _, p := range parts {
		out = append(out, p...)
	}
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
