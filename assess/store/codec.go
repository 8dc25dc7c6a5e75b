package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"filippo.io/age"

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
	if strings.HasSuffix(name, ageExt) {
		return &ageCodec{identity: s.identity}
	}
	return plainCodec{}
}

// writing is the codec new files are written with: age to the data
// directory's recipient once it is locked. A key.yaml that cannot be read
// is an error, never a reason to write in the clear.
func (s *Store) writing() (codec, error) {
	k, err := s.readKey()
	if err != nil {
		return nil, err
	}
	if k != nil {
		return &ageCodec{to: k.recipient}, nil
	}
	if s.keyFileExists() {
		return nil, fmt.Errorf("%s is there but cannot be read; circle writes nothing in the clear beside it", s.KeyPath())
	}
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
	plain, err := c.open(path, data)
	var ke *KeyError
	if errors.As(err, &ke) {
		return nil, err
	}
	if err != nil {
		return nil, &OpenError{err}
	}
	return plain, nil
}

// OpenError is a file that was read but could not be opened by its codec
// (not decrypted); its message names the file.
type OpenError struct{ Err error }

func (e *OpenError) Error() string { return e.Err.Error() }
func (e *OpenError) Unwrap() error { return e.Err }

// writeFile keeps data at path (a name the store gives, without a codec's
// extension) through the codec of the moment, atomically; exclusive
// refuses to replace a file (see CreateFile). It returns the path written.
// The codec is chosen and the file written under a shared lock of the data
// directory, so that lock and unlock (which hold it alone) never miss a
// file written in the clear while they convert.
func (s *Store) writeFile(path string, data []byte, exclusive bool) (string, error) {
	release, err := s.flock(false)
	if err != nil {
		return path, err
	}
	defer release()
	return s.writeLocked(path, data, exclusive)
}

// writeLocked is writeFile for a caller that holds the lock already.
func (s *Store) writeLocked(path string, data []byte, exclusive bool) (string, error) {
	c, err := s.writing()
	if err != nil {
		return path, err
	}
	sealed, err := c.seal(data)
	if err != nil {
		return path, fmt.Errorf("cannot encrypt %s: %w", path, err)
	}
	path = kept(path, c)
	return path, write(path, sealed, exclusive)
}

// startsOwn reports whether head, the first bytes of the file called name
// (or of a temporary copy of it), starts as the codec that wrote it starts
// its files: circle's first line, or a valid age header.
func startsOwn(name string, head []byte) bool {
	if strings.HasSuffix(untemp(name), ageExt) {
		return (&ageCodec{}).starts(head)
	}
	return plainCodec{}.starts(head)
}

// ageCodec keeps files encrypted with age: to the data directory's
// recipient when writing, with its identity (unwrapped once) when reading.
type ageCodec struct {
	to       age.Recipient
	identity func() (age.Identity, error)
}

func (*ageCodec) ext() string { return ageExt }

// limit allows for age's header and the 16 bytes each 64 KiB chunk adds.
func (*ageCodec) limit(n int64) int64 { return n + 4096 + (n/(64<<10)+1)*16 }

func (c *ageCodec) seal(plain []byte) ([]byte, error) {
	var b bytes.Buffer
	w, err := age.Encrypt(&b, c.to)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (c *ageCodec) open(path string, sealed []byte) ([]byte, error) {
	if !c.starts(sealed) {
		return nil, fmt.Errorf("%s: not an age file, or cut short before its header ends; it cannot be read", shown(path))
	}
	id, err := c.identity()
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(bytes.NewReader(sealed), id)
	if err == nil {
		var plain []byte
		if plain, err = io.ReadAll(r); err == nil {
			return plain, nil
		}
	}
	var noMatch *age.NoIdentityMatchError
	if errors.As(err, &noMatch) {
		return nil, fmt.Errorf("%s: not encrypted to this data directory's key, so it cannot be read here", shown(path))
	}
	return nil, fmt.Errorf("%s: damaged or cut short, so it cannot be decrypted (%v)", shown(path), err)
}

// starts reports a valid age header.
func (*ageCodec) starts(head []byte) bool {
	if !bytes.HasPrefix(head, []byte(ageIntro)) {
		return false
	}
	_, err := age.ExtractHeader(bytes.NewReader(head))
	return err == nil
}

// ageIntro is the first line of every age file.
const ageIntro = "age-encryption.org/v1\n"
