package bottest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/register"
)

// registerContract checks the register's promises: rows in order of when
// incidents happened, incidents by person, an append-only audit trail, and
// forgetting tasks.
func registerContract(t *testing.T, newStore func(t *testing.T) bot.Store) {
	ctx := context.Background()
	update := func(t *testing.T, s bot.Store, fn func(bot.Tx) error) {
		t.Helper()
		if err := s.Update(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}
	numbers := func(t *testing.T, s bot.Store, from, to time.Time) string {
		t.Helper()
		var got []string
		if err := s.View(ctx, func(tx bot.Tx) error {
			return tx.EachRow(from, to, func(r register.Row) error { got = append(got, r.Number); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, ",")
	}
	day := func(d int) time.Time { return time.Date(2026, 7, d, 12, 0, 0, 0, Friday.Location()) }

	t.Run("register rows come in order of when the incident happened", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error {
			for _, r := range []register.Row{
				{Number: "GIR-2026-0003", Occurred: day(2)},
				{Number: "GIR-2026-0001", Occurred: day(5)},
				{Number: "GIR-2026-0002", Occurred: day(2)}, // same moment: by number
				{Number: "GIR-2025-0009", Occurred: day(1).AddDate(-1, 0, 0)},
				{Number: "GIR-2026-0004", Occurred: day(9)},
			} {
				if err := tx.PutRow(r); err != nil {
					return err
				}
			}
			return nil
		})
		if got := numbers(t, s, time.Time{}, time.Time{}); got != "GIR-2025-0009,GIR-2026-0002,GIR-2026-0003,GIR-2026-0001,GIR-2026-0004" {
			t.Errorf("all rows = %s", got)
		}
		// [from, to): the first moment counts, the last does not.
		if got := numbers(t, s, day(2), day(9)); got != "GIR-2026-0002,GIR-2026-0003,GIR-2026-0001" {
			t.Errorf("rows of 2–9 July = %s", got)
		}
		if got := numbers(t, s, day(10), day(20)); got != "" {
			t.Errorf("an empty period has rows %s", got)
		}
		// A row whose moment changes moves; it is never there twice.
		update(t, s, func(tx bot.Tx) error {
			return tx.PutRow(register.Row{Number: "GIR-2026-0004", Occurred: day(1), Serious: true})
		})
		if got := numbers(t, s, day(1), day(30)); got != "GIR-2026-0004,GIR-2026-0002,GIR-2026-0003,GIR-2026-0001" {
			t.Errorf("after moving 0004 = %s", got)
		}
		// fn's error stops the walk and comes back.
		stop := errors.New("enough")
		n := 0
		err := s.View(ctx, func(tx bot.Tx) error {
			return tx.EachRow(time.Time{}, time.Time{}, func(register.Row) error { n++; return stop })
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("EachRow after an error: %v, %d calls", err, n)
		}
	})

	t.Run("register row round trip", func(t *testing.T) {
		s := newStore(t)
		in := register.Row{Number: "GIR-2026-0042", Occurred: day(3), Reported: day(3).Add(time.Hour),
			Categories: []register.Category{register.CatVerbal, register.CatThreat}, Department: "publiekszaken", Location: "stadhuis",
			Serious: true, Police: "aangifte", Measure: "ban", FirstCare: day(3).Add(90 * time.Minute),
			Aftercare: []register.Deadline{{Due: day(6), Done: day(5)}, {Due: day(20), NotNeeded: true}, {Due: day(30)}},
			Open:      []time.Time{day(30)}, ClosedAt: day(31), Purged: true}
		update(t, s, func(tx bot.Tx) error { return tx.PutRow(in) })
		var got register.Row
		if err := s.View(ctx, func(tx bot.Tx) error { var err error; got, err = tx.Row("gir-2026-42"); return err }); err != nil {
			t.Fatalf("reading the row back: %v", err)
		}
		if want, have := fmt.Sprintf("%+v", RowInUTC(in)), fmt.Sprintf("%+v", RowInUTC(got)); have != want {
			t.Errorf("row round trip:\n got %s\nwant %s", have, want)
		}
		if d, ok := got.FirstCareTime(); !ok || d != 30*time.Minute {
			t.Errorf("first care after %v %v", d, ok)
		}
		err := s.View(ctx, func(tx bot.Tx) error { _, err := tx.Row("GIR-2026-0043"); return err })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("missing row: %v", err)
		}
	})

	t.Run("a scan lends the facts of the rows EachRow gives, one after another", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error {
			for _, r := range []register.Row{
				{Number: "GIR-2026-0001", Occurred: day(1), Reported: day(1), Categories: []register.Category{register.CatVerbal, register.CatThreat},
					Department: "publiekszaken", Location: "stadhuis", Serious: true, Police: "aangifte", Measure: "ban",
					FirstCare: day(2), CareGiven: day(3), Aftercare: []register.Deadline{{Due: day(4), Done: day(5)}, {Due: day(6), NotNeeded: true}},
					Open: []time.Time{day(7), day(8)}},
				{Number: "GIR-2026-0002", Occurred: day(2), Reported: day(9), CareOpen: true},
				{Number: "GIR-2026-0003", Occurred: day(3), Categories: []register.Category{register.CatOther, register.CatOther}, Department: "sociaal",
					Location: "de nieuwe wijkpost", Aftercare: []register.Deadline{{Due: day(9)}}, ClosedAt: day(20), Purged: true},
			} {
				if err := tx.PutRow(r); err != nil {
					return err
				}
			}
			return nil
		})
		var each, lent []string
		if err := s.View(ctx, func(tx bot.Tx) error {
			if err := register.ScanFactsOf(func(fn func(register.Row) error) error { return tx.EachRow(day(1), day(4), fn) },
				func(f *register.Facts) error {
					each = append(each, FactsText(f))
					return nil
				}); err != nil {
				return err
			}
			return tx.ScanFacts(day(1), day(4), func(f *register.Facts) error {
				if len(f.Names) == 0 || f.Names[0] != "" {
					t.Errorf("symbol 0 stands for %q", f.Names)
				}
				lent = append(lent, FactsText(f))
				return nil
			})
		}); err != nil {
			t.Fatal(err)
		}
		if len(each) != 3 || strings.Join(lent, "\n") != strings.Join(each, "\n") {
			t.Errorf("lent facts:\n%s\nfacts of the rows:\n%s", strings.Join(lent, "\n"), strings.Join(each, "\n"))
		}
		stop := errors.New("enough")
		n := 0
		err := s.View(ctx, func(tx bot.Tx) error {
			return tx.ScanFacts(time.Time{}, time.Time{}, func(*register.Facts) error { n++; return stop })
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("ScanFacts after an error: %v, %d calls", err, n)
		}
	})

	t.Run("a person's incidents come oldest number first", func(t *testing.T) {
		s := newStore(t)
		numbers := []string{"GIR-2026-10000", "GIR-2026-9999", "GIR-2025-0002", "GIR-2026-0010"}
		update(t, s, func(tx bot.Tx) error {
			for _, n := range numbers {
				if err := tx.PutIncident(bot.Incident{Number: n, Reporter: "a@x.nl", Subject: "a@x.nl"}); err != nil {
					return err
				}
			}
			return nil
		})
		var got []string
		if err := s.View(ctx, func(tx bot.Tx) error {
			incs, err := tx.IncidentsOf("a@x.nl")
			for _, inc := range incs {
				got = append(got, inc.Number)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if want := "GIR-2025-0002,GIR-2026-0010,GIR-2026-9999,GIR-2026-10000"; strings.Join(got, ",") != want {
			t.Errorf("incidents of a = %s, want %s", strings.Join(got, ","), want)
		}
	})

	t.Run("incidents are found by the people they are about", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error {
			for _, inc := range []bot.Incident{
				{Number: "GIR-2026-0001", Reporter: "a@x.nl", Subject: "a@x.nl"},
				{Number: "GIR-2026-0002", Reporter: "g@x.nl", Subject: "a@x.nl"},
				{Number: "GIR-2026-0003", Reporter: "b@x.nl", Subject: "b@x.nl"},
			} {
				if err := tx.PutIncident(inc); err != nil {
					return err
				}
			}
			return nil
		})
		of := func(who string) string {
			t.Helper()
			var got []string
			if err := s.View(ctx, func(tx bot.Tx) error {
				incs, err := tx.IncidentsOf(bot.Email(who))
				for _, inc := range incs {
					got = append(got, inc.Number)
				}
				return err
			}); err != nil {
				t.Fatalf("incidents of %q: %v", who, err)
			}
			return strings.Join(got, ",")
		}
		if got := of("a@x.nl"); got != "GIR-2026-0001,GIR-2026-0002" {
			t.Errorf("incidents of a = %s", got)
		}
		if got := of("g@x.nl"); got != "GIR-2026-0002" {
			t.Errorf("incidents of the reporter g = %s", got)
		}
		// Names removed (after the retention period): found by nobody.
		update(t, s, func(tx bot.Tx) error { return tx.PutIncident(bot.Incident{Number: "GIR-2026-0002"}) })
		if got := of("a@x.nl") + "|" + of("g@x.nl"); got != "GIR-2026-0001|" {
			t.Errorf("after removing the people of 0002: %s", got)
		}
		if got := of(""); got != "" {
			t.Errorf("incidents of nobody = %s", got)
		}
	})

	t.Run("the audit trail is appended to in order", func(t *testing.T) {
		s := newStore(t)
		var seqs []uint64
		for _, e := range []bot.AuditEntry{
			{At: Friday, By: "k@x.nl", Incident: "GIR-2026-0001", Action: bot.AuditRead, What: "show"},
			{At: Friday, Incident: "GIR-2026-0001", Action: bot.AuditChange, What: "first_care"},
			{At: Friday, By: "k@x.nl", Action: bot.AuditOverview, What: "2026-Q3"},
			{At: Friday, By: "p@x.nl", Incident: "GIR-2026-0002", Action: bot.AuditDenied, What: "show"},
			{At: Friday, By: "k@x.nl", Incident: "GIR-2026-0001", Action: bot.AuditRead, What: "audit"},
			{At: Friday, To: "k@x.nl", Incident: "GIR-2026-0002", Action: bot.AuditShown, What: "task"},
			{At: Friday, By: "k@x.nl", To: "k@x.nl", Incident: "GIR-2026-0002", Action: bot.AuditRead, What: "show"},
		} {
			update(t, s, func(tx bot.Tx) error {
				seq, err := tx.AppendAudit(e)
				seqs = append(seqs, seq)
				return err
			})
		}
		for i := 1; i < len(seqs); i++ {
			if seqs[i] != seqs[i-1]+1 {
				t.Errorf("sequence numbers %v do not rise by one", seqs)
			}
		}
		list := func(es []bot.AuditEntry) string {
			var out []string
			for _, e := range es {
				out = append(out, string(e.Action)+":"+e.What)
			}
			return strings.Join(out, ",")
		}
		if err := s.View(ctx, func(tx bot.Tx) error {
			of, err := tx.AuditOf("gir-2026-1")
			if got := list(of); err != nil || got != "read:show,change:first_care,read:audit" {
				t.Fatalf("audit of 0001 = %s, %v", got, err)
			}
			if of[0].By != "k@x.nl" || !of[0].At.Equal(Friday) || of[0].Seq != seqs[0] {
				t.Errorf("first entry = %+v", of[0])
			}
			reg, err := tx.AuditOf("")
			if got := list(reg); err != nil || got != "overview:2026-Q3" {
				t.Errorf("audit of the register = %s, %v", got, err)
			}
			by, err := tx.AuditBy("k@x.nl")
			if got := list(by); err != nil || got != "read:show,overview:2026-Q3,read:audit,shown:task,read:show" {
				t.Errorf("audit by k = %s, %v", got, err)
			}
			nobody, err := tx.AuditBy("")
			if len(nobody) != 0 {
				t.Errorf("entries by nobody: %v", list(nobody))
			}
			// Each entry holds the hash of the one before it.
			bySeq := map[uint64]bot.AuditEntry{}
			for _, e := range append(append(of, reg...), nobody...) {
				bySeq[e.Seq] = e
			}
			p, _ := tx.AuditOf("GIR-2026-0002")
			for _, e := range p {
				bySeq[e.Seq] = e
			}
			for i, seq := range seqs {
				want := ""
				if i > 0 {
					want = bySeq[seqs[i-1]].Hash()
				}
				if got := bySeq[seq].Prev; got != want {
					t.Errorf("entry %d links to %q, want %q", seq, got, want)
				}
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a forgotten task is gone from every index", func(t *testing.T) {
		s := newStore(t)
		task := bot.Task{ID: "GIR-2026-0001/check_in/a@x.nl/1", Kind: bot.TaskCheckIn, Row: "E11", Incident: "GIR-2026-0001",
			Assignee: "a@x.nl", Watchers: []bot.Email{"a@x.nl", "k@x.nl"}, Next: Friday, State: bot.TaskOpen}
		other := bot.Task{ID: "GIR-2026-0001/first_care", Kind: bot.TaskFirstCare, Row: "M5", Incident: "GIR-2026-0001", Assignee: "p@x.nl", State: bot.TaskDone}
		update(t, s, func(tx bot.Tx) error {
			if err := tx.PutTask(task); err != nil {
				return err
			}
			if err := tx.PutTask(other); err != nil {
				return err
			}
			if err := tx.AddSentRef("task:"+task.ID, bot.SentRef{To: "a@x.nl", Ref: "1"}); err != nil {
				return err
			}
			return tx.AddSentRef("task:"+other.ID, bot.SentRef{To: "p@x.nl", Ref: "2"})
		})
		update(t, s, func(tx bot.Tx) error {
			if err := tx.ForgetTask(task.ID); err != nil {
				return err
			}
			if err := tx.ForgetTask("no-such-task"); err != nil {
				return fmt.Errorf("forgetting a missing task: %w", err)
			}
			return tx.ForgetSentRefs("task:" + task.ID)
		})
		if err := s.View(ctx, func(tx bot.Tx) error {
			if _, err := tx.Task(task.ID); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("forgotten task: %v", err)
			}
			due, err1 := tx.DueTasks(Friday.Add(time.Hour), 10)
			mine, err2 := tx.TasksOf("k@x.nl")
			row, err3 := tx.TasksOfRow("E11")
			of, err4 := tx.TasksOfIncident("GIR-2026-0001")
			refs, err5 := tx.SentRefs("task:" + task.ID)
			kept, err6 := tx.SentRefs("task:" + other.ID)
			if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
				return err
			}
			if len(due)+len(mine)+len(row)+len(refs) != 0 || len(of) != 1 || of[0].ID != other.ID {
				t.Errorf("after forgetting: due %d, watcher %d, row %d, refs %d, of incident %v", len(due), len(mine), len(row), len(refs), of)
			}
			if len(kept) != 1 {
				t.Errorf("another task's references went too: %v", kept)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("tasks are found by the start of their ID", func(t *testing.T) {
		s := newStore(t)
		ids := []string{"GIR-2026-0010/first_care", "GIR-2026-0001/talk_request/w@x.nl/1", "F2/2026-11/stadhuis",
			"GIR-2026-0001/first_care", "GIR-2026-00011/first_care", "GIR-2026-0002/first_care"}
		update(t, s, func(tx bot.Tx) error {
			for _, id := range ids {
				if err := tx.PutTask(bot.Task{ID: id, Kind: bot.TaskFirstCare, Assignee: "p@x.nl", State: bot.TaskOpen}); err != nil {
					return err
				}
			}
			return nil
		})
		with := func(prefix string) string {
			t.Helper()
			var got []string
			if err := s.View(ctx, func(tx bot.Tx) error {
				tasks, err := tx.TasksWithPrefix(prefix)
				for _, task := range tasks {
					got = append(got, task.ID)
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return strings.Join(got, ",")
		}
		if got := with("GIR-2026-0001/"); got != "GIR-2026-0001/first_care,GIR-2026-0001/talk_request/w@x.nl/1" {
			t.Errorf("tasks of GIR-2026-0001/ = %s", got)
		}
		if got := with("GIR-2026-0003/"); got != "" {
			t.Errorf("tasks of an incident without any = %s", got)
		}
		update(t, s, func(tx bot.Tx) error { return tx.ForgetTask("GIR-2026-0001/first_care") })
		if got := with("GIR-2026-0001/"); got != "GIR-2026-0001/talk_request/w@x.nl/1" {
			t.Errorf("after forgetting one: %s", got)
		}
	})
}
