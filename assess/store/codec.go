package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/circle-cli/circle/assess"
	"github.com/circle-cli/circle/assess/safefile"
)

// A codec is how the store keeps what it is given on disk. Every byte the
// store reads or writes under the data directory (results, the draft,
// drafts set aside, their temporary copies) passes through one, so that
// no path can bypass it: plain YAML, or age once the directory is locked.
type codec interface {
	// ext is what the codec adds to the name of each file it writes.
	ext() string
	// seal turns what circle keeps into the bytes written to the file.
	seal(plain []byte) ([]byte, error)
	// open turns the bytes of the file at path back into what was kept.
	open(path string, sealed []byte) ([]byte, error)
	// starts reports whether head, the first bytes of a file, starts as
	// this codec starts every file it writes: the content check of owns.
	starts(head []byte) bool
	// limit is the most bytes a file may hold whose content is at most n.
	limit(n int64) int64
}

// plainCodec keeps files as they are: YAML, starting with circle's line.
type plainCodec struct{}

func (plainCodec) ext() string                                { return "" }
func (plainCodec) seal(plain []byte) ([]byte, error)          { return plain, nil }
func (plainCodec) open(_ string, data []byte) ([]byte, error) { return data, nil }
func (plainCodec) limit(n int64) int64                        { return n }

func (plainCodec) starts(head []byte) bool {
	for _, h := range []string{assess.ResultHeader, assess.DraftHeader, assess.KeptDraftHeader} {
		if bytes.HasPrefix(head, []byte(h)) {
			return true
		}
	}
	return false
}

// codecOf is the codec that reads the file called name: chosen by its
// name, so that a file is always read as it was written.
func (s *Store) codecOf(name string) codec {
	return plainCodec{}
}

// writing is the codec new files are written with.
func (s *Store) writing() (codec, error) {
	return plainCodec{}, nil
}

// kept is name (a file name the store gives, such as draft.yaml) as it is
// kept on disk by c.
func kept(name string, c codec) string { return name + c.ext() }

// logical is the name of a kept file without its codec's extension.
func logical(name string) string {
	return strings.TrimSuffix(name, ageExt)
}

// ageExt ends the name of every file the store keeps encrypted.
const ageExt = ".age"

// readFile reads the file at path, at most limit bytes once opened,
// through the codec its name says it was written with: a regular file
// only, read without blocking (see safefile).
func (s *Store) readFile(path string, limit int64) ([]byte, error) {
	c := s.codecOf(filepath.Base(path))
	data, err := safefile.Read(path, c.limit(limit))
	if err != nil {
		return nil, err
	}
	return c.open(path, data)
}

// writeFile keeps data at path (a name the store gives, without a codec's
// extension) through the codec of the moment, atomically; exclusive
// refuses to replace a file (see CreateFile). It returns the path written.
func (s *Store) writeFile(path string, data []byte, exclusive bool) (string, error) {
	c, err := s.writing()
	if err != nil {
		return "", err
	}
	sealed, err := c.seal(data)
	if err != nil {
		return "", fmt.Errorf("cannot encrypt %s: %w", path, err)
	}
	path = kept(path, c)
	return path, write(path, sealed, exclusive)
}

// startsOwn reports whether head, the first bytes of the file called name,
// starts as the codec that wrote it starts its files.
func startsOwn(name string, head []byte) bool {
	return plainCodec{}.starts(head)
}
