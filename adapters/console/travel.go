package console

import (
	"context"

	"meldbot/bot/locale"
)

// maxTravel is how far /tijd moves the clock at most in one go: a year of
// reminders is more than a terminal can usefully show.
const maxTravelDays = 366

// travel handles /tijd: without a moment it says what time it is; with
// one, it moves the clock forward to it, and everything due in between
// happens, in order, each moment under a heading with its time. The clock
// never goes back.
func (c *Console) travel(ctx context.Context, arg string, tr locale.Texts) {
	now := c.now()
	if arg == "" {
		c.print(tr.T("console.time.now", "Now", c.formatTime(tr, now)) + "\n" + tr.T("console.time.usage"))
		return
	}
	if c.opts.Travel == nil {
		c.print(tr.T("console.time.unavailable"))
		return
	}
	to, err := parseMoment(arg, now, c.org.WorkingHours.Start)
	switch {
	case err != nil:
		c.print(tr.T("console.time.unreadable", "Moment", arg) + "\n" + tr.T("console.time.usage"))
		return
	case !to.After(now):
		c.print(tr.T("console.time.past", "Now", c.formatTime(tr, now), "Moment", c.formatTime(tr, to)))
		return
	case to.After(now.AddDate(0, 0, maxTravelDays)):
		c.print(tr.T("console.time.too_far", "Now", c.formatTime(tr, now)))
		return
	}
	c.mu.Lock()
	c.batch.travel = true
	before := len(c.batch.entries)
	c.mu.Unlock()
	if err := c.opts.Travel(ctx, to); err != nil {
		c.print(tr.T("console.error", "Error", err.Error()))
	}
	c.mu.Lock()
	quiet := len(c.batch.entries) == before
	c.mu.Unlock()
	key := "console.time.now"
	if quiet {
		key = "console.time.quiet"
	}
	c.print(tr.T(key, "Now", c.formatTime(tr, c.now())))
}
