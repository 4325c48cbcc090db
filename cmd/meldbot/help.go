package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// errHelpShown means a command showed its usage because it was asked to:
// the process ends well (exit code 0).
var errHelpShown = errors.New("usage shown")

// wantsHelp reports whether args ask for help: -h, -help or --help, before
// a "--" that ends the flags.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// commandUsage returns the lines of usage that describe a sub-command,
// under "Usage:", or "" for a command usage does not name.
func commandUsage(name string) string {
	var b strings.Builder
	in := false
	for _, l := range strings.Split(usage, "\n") {
		switch {
		case strings.HasPrefix(l, "  meldbot "+name+" ") || l == "  meldbot "+name:
			in = true
		case in && strings.HasPrefix(l, "         "):
			// a continuation of the command's description
		default:
			in = false
		}
		if in {
			b.WriteString(l + "\n")
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "Usage:\n" + b.String()
}

// showUsage makes a command's flag set print the command's usage and its
// flags, where -h asks for them or a flag is wrong.
func showUsage(fs *flag.FlagSet) {
	fs.Usage = func() {
		w := fs.Output()
		if u := commandUsage(fs.Name()); u != "" {
			fmt.Fprint(w, u)
		} else {
			fmt.Fprintf(w, "Usage:\n  meldbot %s [flags]\n", fs.Name())
		}
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
}

// helpWithoutFlags answers --help for the commands that take no flags.
func helpWithoutFlags(cmd string, out io.Writer) bool {
	u := commandUsage(cmd)
	if u == "" {
		return false
	}
	fmt.Fprint(out, u)
	return true
}
