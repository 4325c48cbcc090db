package console

import (
	"context"
	"strings"
	"testing"
	"time"

	"meldbot/bot/bottest"
)

// /tijd moves the clock forward, to a moment or by an amount, and shows
// what arrived under the time it arrived; /tijd alone says what time it is;
// the clock never goes back.
func TestTravellingInTime(t *testing.T) {
	var asked []time.Time
	d := newDriver(t)
	travel := d.c.opts.Travel
	d.c.opts.Travel = func(ctx context.Context, to time.Time) error {
		asked = append(asked, to)
		return travel(ctx, to)
	}
	bottest.Run(t, d, bottest.ReportScript, d.h.User)
	d.expect("/tijd", "Het is nu vr 27 nov 2026, 15:00.", "Zet de tijd vooruit")
	d.expect("@peter /tijd +1u", "── vr 27 nov 2026, 16:00 ──\nmeldbot: [A] ", "Het is nu vr 27 nov 2026, 16:00.")
	d.expect("/tijd +10m", "Het is nu vr 27 nov 2026, 16:10. Intussen kreeg niemand een bericht.")
	got := d.expect("/tijd 2026-11-01 9:00", "Terug in de tijd kan niet: het is nu vr 27 nov 2026, 16:10 en zo 1 nov 2026, 09:00 is al voorbij.")
	if strings.Contains(got, "Het is nu") {
		t.Errorf("the clock moved back:\n%s", got)
	}
	d.expect("/tijd ooit", `Ik begrijp "ooit" niet als moment.`, "/tijd maandag 9:00")
	d.expect("/tijd +2j", `Ik begrijp "+2j" niet als moment.`)
	d.expect("/tijd +400d", "Zo ver vooruit kan niet in één keer")
	d.expect("/time monday 9:00", "Het is nu ma 30 nov 2026, 09:00.")
	want := []time.Time{
		time.Date(2026, 11, 27, 16, 0, 0, 0, bottest.Amsterdam),
		time.Date(2026, 11, 27, 16, 10, 0, 0, bottest.Amsterdam),
		time.Date(2026, 11, 30, 9, 0, 0, 0, bottest.Amsterdam),
	}
	if len(asked) != len(want) {
		t.Fatalf("travelled to %v, want %v", asked, want)
	}
	for i := range want {
		if !asked[i].Equal(want[i]) {
			t.Errorf("travel %d to %v, want %v", i, asked[i], want[i])
		}
	}
}
