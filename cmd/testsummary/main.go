// Command testsummary reads `go test -json` on standard input, prints each
// package's result and the output of every failing test as it goes, and
// ends with one summary line: how many tests passed, failed and were
// skipped. It exits 1 when anything failed, so `make test` can pipe into it.
//
// A skipped test is counted and named, never hidden: a suite is not green
// because its hard parts were switched off.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	start := time.Now()
	var passed, failed, skipped int
	var skippedNames, failedNames []string
	pkgFailed := 0
	output := map[string][]string{} // package/test -> lines, kept until the test ends
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			// Build errors and the like arrive as plain text.
			fmt.Println(string(line))
			continue
		}
		key := e.Package + "/" + e.Test
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				// A package result.
				switch e.Action {
				case "fail":
					pkgFailed++
					fmt.Printf("FAIL\t%s\t%.1fs\n", e.Package, e.Elapsed)
					for _, l := range output[key] {
						if !strings.HasPrefix(l, "FAIL") && !strings.HasPrefix(l, "ok") {
							fmt.Print("    " + l)
						}
					}
				case "pass":
					fmt.Printf("ok\t%s\t%.2fs\n", e.Package, e.Elapsed)
				}
				delete(output, key)
				continue
			}
			switch e.Action {
			case "pass":
				passed++
			case "skip":
				skipped++
				skippedNames = append(skippedNames, e.Package+" "+e.Test)
			case "fail":
				failed++
				failedNames = append(failedNames, e.Package+" "+e.Test)
				if !strings.Contains(e.Test, "/") {
					fmt.Printf("--- FAIL: %s (%s)\n", e.Test, e.Package)
				}
				for _, l := range output[key] {
					fmt.Print("    " + l)
				}
			}
			delete(output, key)
		}
	}
	sort.Strings(skippedNames)
	fmt.Println()
	for _, n := range failedNames {
		fmt.Println("failed:  ", n)
	}
	for _, n := range skippedNames {
		fmt.Println("skipped: ", n)
	}
	fmt.Printf("test summary: %d passed, %d failed, %d skipped (%s)\n", passed, failed, skipped, time.Since(start).Round(100*time.Millisecond))
	if failed > 0 || pkgFailed > 0 {
		os.Exit(1)
	}
}
