package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"meldbot/bot"
	"meldbot/bot/calendar"
	"meldbot/bot/locale"
)

// calendarWords are the words of meldbot calendar in each language; the
// names of the days and months come from the catalogue, the names of the
// holidays are Dutch in both.
var calendarWords = map[locale.Lang]struct {
	title, week, closures, outside, closedDay, worked, perMonth, total, none string
}{
	locale.Dutch: {
		title: "Werkkalender %d — %s", week: "Werktijden: %s van %s tot %s (tijdzone %s)",
		closures: "Feestdagen en sluitingsdagen", outside: "valt buiten de werkweek", closedDay: "sluitingsdag",
		worked: "Feestdagen die dit jaar een werkdag zijn", perMonth: "Werkdagen per maand", total: "totaal", none: "geen",
	},
	locale.English: {
		title: "Working calendar %d — %s", week: "Working hours: %s from %s to %s (time zone %s)",
		closures: "Holidays and closed days", outside: "outside the working week", closedDay: "closed day",
		worked: "National holidays that are working days this year", perMonth: "Working days per month", total: "total", none: "none",
	},
}

// printCalendar prints the working calendar of a year, so a coordinator
// can check it: the working week, every holiday and closed day (with its
// Dutch name), the national holidays the organisation works on, and the
// number of working days per month.
//
//	meldbot calendar [YEAR] [--config FILE]
func printCalendar(args []string, stdout, stderr io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("calendar", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "organisation file")
	yearText := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		yearText, args = args[0], args[1:]
	}
	showUsage(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelpShown
		}
		return &exitError{code: 2, err: err}
	}
	if rest := fs.Args(); len(rest) > 1 || len(rest) == 1 && yearText != "" {
		return &exitError{code: 2, err: fmt.Errorf("meldbot calendar: unexpected argument %q; give one year, such as 2027", rest[len(rest)-1])}
	} else if len(rest) == 1 {
		yearText = rest[0]
	}
	org, _, err := loadOrg(*configPath, true)
	if err != nil {
		return err
	}
	year := now.In(org.Zone()).Year()
	if yearText != "" {
		year, err = strconv.Atoi(yearText)
		if err != nil || year < calendar.FirstYear || year > calendar.LastYear {
			return &exitError{code: 2, err: fmt.Errorf("meldbot calendar: %q is no year from %d to %d", yearText, calendar.FirstYear, calendar.LastYear)}
		}
	}
	c, err := org.WorkingCalendar()
	if err != nil {
		return err
	}
	catalog, err := locale.NewCatalog()
	if err != nil {
		return err
	}
	writeCalendar(stdout, org, c, catalog.In(org.Language), year)
	return nil
}

// writeCalendar writes the calendar of a year in the organisation's
// language, whose texts are tr.
func writeCalendar(out io.Writer, org *bot.Organisation, c *calendar.Calendar, tr locale.Texts, year int) {
	w, ok := calendarWords[org.Language]
	if !ok {
		w = calendarWords[locale.Dutch]
	}
	weekday := func(d time.Weekday) string { return tr.T(fmt.Sprintf("time.weekday.%d", d)) }
	day := func(t time.Time) string {
		return fmt.Sprintf("%s %2d %s", weekday(t.Weekday()), t.Day(), tr.T(fmt.Sprintf("time.month.%d", t.Month())))
	}
	week := c.Week()
	days := make([]string, len(week.Days))
	for i, d := range week.Days {
		days[i] = weekday(d)
	}
	fmt.Fprintf(out, w.title+"\n", year, org.Name)
	fmt.Fprintf(out, w.week+"\n\n", strings.Join(days, ", "), calendar.Clock(week.Start), calendar.Clock(week.End), c.Location())

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, w.closures)
	for _, cl := range c.Closures(year) {
		name := cl.Name
		if !cl.Holiday && name != calendar.ClosedDayName {
			name += " (" + w.closedDay + ")"
		}
		if !slices.Contains(week.Days, cl.Date.Weekday()) {
			name += " — " + w.outside
		}
		fmt.Fprintf(tw, "  %s\t%s\n", day(cl.Date), name)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, w.worked)
	worked := c.HolidaysWorked(year)
	if len(worked) == 0 {
		fmt.Fprintf(tw, "  %s\n", w.none)
	}
	for _, cl := range worked {
		fmt.Fprintf(tw, "  %s\t%s\n", day(cl.Date), cl.Name)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, w.perMonth)
	total := 0
	for m := time.January; m <= time.December; m++ {
		n := c.WorkingDaysIn(year, m)
		total += n
		fmt.Fprintf(tw, "  %s\t%3d\n", tr.T(fmt.Sprintf("time.month_full.%d", m)), n)
	}
	fmt.Fprintf(tw, "  %s\t%3d\n", w.total, total)
	tw.Flush()
}
