// Package questionnaires embeds the built-in questionnaires, one YAML file
// each, named after the questionnaire's id, and the earlier versions of
// them that saved results were taken with. assess loads and validates them.
package questionnaires

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Default is the id of the questionnaire used when none is named.
const Default = "leadership-support"

//go:embed *.yaml
var files embed.FS

// Earlier versions, as earlier/<id>.v<version>.yaml: never asked again,
// only read, so that a result is checked against its own version.
//
//go:embed earlier/*.yaml
var earlier embed.FS

// IDs lists the built-in questionnaire ids, sorted.
func IDs() []string {
	entries, _ := fs.ReadDir(files, ".")
	var ids []string
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(ids)
	return ids
}

// Open returns the YAML of the built-in questionnaire id.
func Open(id string) ([]byte, error) {
	if strings.ContainsAny(id, "/\\.") {
		return nil, fs.ErrNotExist
	}
	return files.ReadFile(id + ".yaml")
}

// OpenEarlier returns the YAML of an earlier version of the built-in
// questionnaire id, and the name it is known by in messages.
func OpenEarlier(id string, version int) (name string, data []byte, err error) {
	if strings.ContainsAny(id, "/\\.") {
		return "", nil, fs.ErrNotExist
	}
	name = fmt.Sprintf("earlier/%s.v%d.yaml", id, version)
	data, err = earlier.ReadFile(name)
	return name, data, err
}
