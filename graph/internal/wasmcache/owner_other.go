//go:build !unix

package wasmcache

import "os"

// ownedByMe cannot tell owners apart here; the directory is under the
// user's own profile unless CIRCLE_CACHE_DIR says otherwise.
func ownedByMe(os.FileInfo) bool { return true }
