// Command gen-docs writes circle's man pages and Markdown command reference
// from the cobra command tree (`make docs`). It is a separate program so
// that cobra/doc and its Markdown-to-roff dependency stay out of circle's
// own binary.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/circle-cli/circle/cmd"
)

func main() {
	out := flag.String("out", "docs", "directory to write man/ and cli/ into")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-docs:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s and %s\n", filepath.Join(*out, "man"), filepath.Join(*out, "cli"))
}

// generate writes the man pages into out/man and the Markdown into out/cli.
func generate(out string) error {
	root := cmd.NewRootCmd(cmd.NewFactory())
	root.DisableAutoGenTag = true // keeps the files stable between runs

	man := filepath.Join(out, "man")
	md := filepath.Join(out, "cli")
	for _, d := range []string{man, md} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	// A fixed date, so that regenerating changes nothing unless the
	// commands did.
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	header := &doc.GenManHeader{Title: "CIRCLE", Section: "1", Source: "circle", Manual: "circle manual", Date: &date}
	if err := doc.GenManTree(root, header, man); err != nil {
		return err
	}
	return doc.GenMarkdownTree(root, md)
}
