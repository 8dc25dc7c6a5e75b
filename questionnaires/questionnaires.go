// Package questionnaires embeds the built-in questionnaires, one YAML file
// each, named after the questionnaire's id. assess loads and validates them.
package questionnaires

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// Default is the id of the questionnaire used when none is named.
const Default = "leadership-support"

//go:embed *.yaml
var files embed.FS

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
