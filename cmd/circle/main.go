// Command circle is a private, local self-assessment of a senior leader's
// support circle. All the work is in package cmd.
package main

import (
	"os"

	"github.com/circle-cli/circle/cmd"
)

func main() {
	os.Exit(int(cmd.Main()))
}
