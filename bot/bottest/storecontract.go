package bottest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"meldbot/bot"
	"meldbot/bot/form"
	"meldbot/bot/locale"
	"meldbot/bot/when"
)

// StoreContract checks that a bot.Store keeps the promises package bot
// relies on. Every store implementation runs it: newStore returns an empty
// store for each sub-test.
func StoreContract(t *testing.T, newStore func(t *testing.T) bot.Store) {
	ctx := context.Background()
	update := func(t *testing.T, s bot.Store, fn func(bot.Tx) error) {
		t.Helper()
		if err := s.Update(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("conversation round trip", func(t *testing.T) {
		s := newStore(t)
		m := when.Moment{Time: Friday, Precision: when.PartOfDay, Part: when.Morning}
		in := bot.Conversation{ID: "c1", User: "a@b.nl", Step: "when", Started: Friday, Updated: Friday,
			Answers: form.Answers{"categories": {Keys: []string{"verbal", "threat"}}, "when": {Moment: &m}}}
		update(t, s, func(tx bot.Tx) error { return tx.PutConversation(in) })
		var got bot.Conversation
		_ = s.View(ctx, func(tx bot.Tx) error {
			var err error
			got, err = tx.Conversation("a@b.nl")
			return err
		})
		if got.Step != "when" || len(got.Answers["categories"].Keys) != 2 || !got.Answers["when"].Moment.Time.Equal(Friday) ||
			got.Answers["when"].Moment.Part != when.Morning {
			t.Errorf("got %+v", got)
		}
		_ = s.View(ctx, func(tx bot.Tx) error {
			all, err := tx.Conversations()
			if err != nil || len(all) != 1 || all[0].User != "a@b.nl" {
				t.Errorf("all conversations = %+v, %v", all, err)
			}
			return nil
		})
		update(t, s, func(tx bot.Tx) error { return tx.DeleteConversation("a@b.nl") })
		err := s.View(ctx, func(tx bot.Tx) error { _, err := tx.Conversation("a@b.nl"); return err })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("after delete: %v, want ErrNotFound", err)
		}
	})

	t.Run("failed transaction changes nothing", func(t *testing.T) {
		s := newStore(t)
		boom := errors.New("boom")
		err := s.Update(ctx, func(tx bot.Tx) error {
			if _, err := tx.NextIncidentSeq(2026); err != nil {
				return err
			}
			if err := tx.PutConversation(bot.Conversation{User: "a@b.nl"}); err != nil {
				return err
			}
			if _, err := tx.Enqueue(bot.Outgoing{To: "a@b.nl"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update = %v, want boom", err)
		}
		_ = s.View(ctx, func(tx bot.Tx) error {
			if _, err := tx.Conversation("a@b.nl"); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("conversation survived a failed transaction: %v", err)
			}
			if out, _ := tx.Outbox(0, 10); len(out) != 0 {
				t.Errorf("outbox survived a failed transaction: %v", out)
			}
			return nil
		})
		var seq int
		update(t, s, func(tx bot.Tx) error { var err error; seq, err = tx.NextIncidentSeq(2026); return err })
		if seq != 1 {
			t.Errorf("sequence after a failed transaction = %d, want 1", seq)
		}
	})

	t.Run("incident numbers are sequential per year", func(t *testing.T) {
		s := newStore(t)
		var got []int
		for _, year := range []int{2026, 2026, 2027, 2026} {
			update(t, s, func(tx bot.Tx) error {
				n, err := tx.NextIncidentSeq(year)
				got = append(got, n)
				return err
			})
		}
		if want := []int{1, 2, 1, 3}; !slices.Equal(got, want) {
			t.Errorf("sequences = %v, want %v", got, want)
		}
	})

	t.Run("incident round trip", func(t *testing.T) {
		s := newStore(t)
		in := bot.Incident{Number: "GIR-2026-0042", Reporter: "a@b.nl", Report: form.Answers{"categories": {Keys: []string{"threat"}},
			"when": {Moment: &when.Moment{Time: Friday, Precision: when.Minute}}}, Serious: true, Status: bot.StatusOpen}
		update(t, s, func(tx bot.Tx) error { return tx.PutIncident(in) })
		var got bot.Incident
		_ = s.View(ctx, func(tx bot.Tx) error { var err error; got, err = tx.Incident("gir-2026-42"); return err })
		if got.Number != in.Number || !got.Serious || !got.Occurred().Time.Equal(Friday) {
			t.Errorf("got %+v", got)
		}
		err := s.View(ctx, func(tx bot.Tx) error { _, err := tx.Incident("GIR-2026-0043"); return err })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("missing incident: %v", err)
		}
	})

	t.Run("outbox is first in, first out", func(t *testing.T) {
		s := newStore(t)
		for i, to := range []string{"a@b.nl", "c@d.nl", "a@b.nl"} {
			update(t, s, func(tx bot.Tx) error {
				_, err := tx.Enqueue(bot.Outgoing{To: bot.Email(to), Message: bot.Message{Text: string(rune('A' + i))}, Created: Friday})
				return err
			})
		}
		var all []bot.Outgoing
		_ = s.View(ctx, func(tx bot.Tx) error { var err error; all, err = tx.Outbox(0, 10); return err })
		if len(all) != 3 || all[0].Message.Text != "A" || all[2].Message.Text != "C" || all[0].ID >= all[1].ID {
			t.Fatalf("outbox = %+v", all)
		}
		var page []bot.Outgoing
		_ = s.View(ctx, func(tx bot.Tx) error { var err error; page, err = tx.Outbox(all[0].ID, 1); return err })
		if len(page) != 1 || page[0].ID != all[1].ID {
			t.Errorf("page after first = %+v", page)
		}
		all[1].Attempts, all[1].NotBefore = 2, Friday.Add(time.Minute)
		update(t, s, func(tx bot.Tx) error { return tx.PutOutgoing(all[1]) })
		update(t, s, func(tx bot.Tx) error { return tx.DeleteOutgoing(all[0].ID) })
		_ = s.View(ctx, func(tx bot.Tx) error { var err error; page, err = tx.Outbox(0, 10); return err })
		if len(page) != 2 || page[0].Attempts != 2 || !page[0].NotBefore.Equal(Friday.Add(time.Minute)) {
			t.Errorf("after retry and delete: %+v", page)
		}
		// IDs are never reused, even after a delete.
		var id uint64
		update(t, s, func(tx bot.Tx) error { var err error; id, err = tx.Enqueue(bot.Outgoing{To: "x@y.nl"}); return err })
		if id <= all[2].ID {
			t.Errorf("new id %d not above %d", id, all[2].ID)
		}
	})

	t.Run("prefs round trip", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error { return tx.PutPrefs(bot.Prefs{User: "a@b.nl", Lang: locale.English}) })
		_ = s.View(ctx, func(tx bot.Tx) error {
			p, err := tx.Prefs("a@b.nl")
			if err != nil || p.Lang != locale.English {
				t.Errorf("prefs = %+v, %v", p, err)
			}
			return nil
		})
	})

	t.Run("tasks are found by due time, person and incident", func(t *testing.T) {
		s := newStore(t)
		mk := func(id, who string, next time.Duration) bot.Task {
			task := bot.Task{ID: id, Kind: bot.TaskFirstCare, Incident: "GIR-2026-0001", Assignee: bot.Email(who), State: bot.TaskOpen}
			if next != 0 {
				task.Next = Friday.Add(next)
			}
			return task
		}
		update(t, s, func(tx bot.Tx) error {
			for _, task := range []bot.Task{mk("a", "p@x.nl", time.Hour), mk("b", "q@x.nl", time.Minute), mk("c", "p@x.nl", 0),
				{ID: "d", Incident: "GIR-2026-0002", Assignee: "q@x.nl", Next: Friday.Add(2 * time.Minute)}} {
				if err := tx.PutTask(task); err != nil {
					return err
				}
			}
			return nil
		})
		ids := func(ts []bot.Task) string {
			var s []string
			for _, t := range ts {
				s = append(s, t.ID)
			}
			return strings.Join(s, ",")
		}
		_ = s.View(ctx, func(tx bot.Tx) error {
			due, _ := tx.DueTasks(Friday.Add(time.Hour), 10)
			if got := ids(due); got != "b,d,a" {
				t.Errorf("due by an hour = %s, want b,d,a (earliest first, c has no time)", got)
			}
			due, _ = tx.DueTasks(Friday.Add(time.Minute), 10)
			if got := ids(due); got != "b" {
				t.Errorf("due by a minute = %s, want b", got)
			}
			due, _ = tx.DueTasks(Friday.Add(time.Hour), 2)
			if got := ids(due); got != "b,d" {
				t.Errorf("limit 2 = %s", got)
			}
			mine, _ := tx.TasksOf("p@x.nl")
			if got := ids(mine); got != "a,c" {
				t.Errorf("tasks of p = %s, want a,c", got)
			}
			of, _ := tx.TasksOfIncident("GIR-2026-0001")
			if got := ids(of); got != "a,b,c" {
				t.Errorf("tasks of incident 1 = %s, want a,b,c", got)
			}
			return nil
		})
		// Rescheduling, closing and escalating keep the indexes right.
		update(t, s, func(tx bot.Tx) error {
			a, _ := tx.Task("a")
			a.Next = time.Time{}
			a.Watchers = []bot.Email{"p@x.nl", "k@x.nl"}
			if err := tx.PutTask(a); err != nil {
				return err
			}
			b, _ := tx.Task("b")
			b.Next = Friday.Add(3 * time.Hour)
			return tx.PutTask(b)
		})
		_ = s.View(ctx, func(tx bot.Tx) error {
			due, _ := tx.DueTasks(Friday.Add(time.Hour), 10)
			if got := ids(due); got != "d" {
				t.Errorf("due after rescheduling = %s, want d", got)
			}
			theirs, _ := tx.TasksOf("k@x.nl")
			if got := ids(theirs); got != "a" {
				t.Errorf("tasks of a watcher = %s, want a", got)
			}
			people, err := tx.TaskPeople()
			if got := fmt.Sprint(people); err != nil || got != "[k@x.nl p@x.nl q@x.nl]" {
				t.Errorf("people with tasks = %s (%v), want k@x.nl,p@x.nl,q@x.nl", got, err)
			}
			return nil
		})
	})

	t.Run("sent references are kept per tag", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error {
			if err := tx.AddSentRef("task:a", bot.SentRef{To: "p@x.nl", Ref: "1"}); err != nil {
				return err
			}
			return tx.AddSentRef("task:a", bot.SentRef{To: "k@x.nl", Ref: "2"})
		})
		_ = s.View(ctx, func(tx bot.Tx) error {
			refs, err := tx.SentRefs("task:a")
			if err != nil || len(refs) != 2 || refs[1].To != "k@x.nl" {
				t.Errorf("refs = %+v, %v", refs, err)
			}
			none, err := tx.SentRefs("task:b")
			if err != nil || len(none) != 0 {
				t.Errorf("refs of an unknown tag = %+v, %v", none, err)
			}
			return nil
		})
	})

	t.Run("checklist and cycle state", func(t *testing.T) {
		s := newStore(t)
		_ = s.View(ctx, func(tx bot.Tx) error {
			since, err := tx.CycleSince()
			if err != nil || !since.IsZero() {
				t.Errorf("a new store's cycle since = %v, %v", since, err)
			}
			return nil
		})
		update(t, s, func(tx bot.Tx) error {
			if err := tx.PutCheck(bot.Check{Item: "S2/publiekszaken", By: "els@x.nl", At: Friday}); err != nil {
				return err
			}
			if err := tx.PutCheck(bot.Check{Item: "B1", By: "jan@x.nl", At: Friday}); err != nil {
				return err
			}
			return tx.SetCycleSince(Friday)
		})
		_ = s.View(ctx, func(tx bot.Tx) error {
			checks, err := tx.Checks()
			if err != nil || len(checks) != 2 {
				t.Errorf("checks = %+v, %v", checks, err)
			}
			since, err := tx.CycleSince()
			if err != nil || !since.Equal(Friday) {
				t.Errorf("cycle since = %v, %v", since, err)
			}
			return nil
		})
		// An item ticked off can be opened again, also twice.
		update(t, s, func(tx bot.Tx) error {
			if err := tx.DeleteCheck("B1"); err != nil {
				return err
			}
			return tx.DeleteCheck("B1")
		})
		_ = s.View(ctx, func(tx bot.Tx) error {
			checks, err := tx.Checks()
			if err != nil || len(checks) != 1 || checks[0].Item != "S2/publiekszaken" {
				t.Errorf("checks after opening B1 again = %+v, %v", checks, err)
			}
			return nil
		})
	})

	t.Run("tasks of a matrix row", func(t *testing.T) {
		s := newStore(t)
		update(t, s, func(tx bot.Tx) error {
			for _, task := range []bot.Task{{ID: "F2/2026-11/a", Row: "F2", Assignee: "p@x.nl"}, {ID: "F2/2026-11/b", Row: "F2", Assignee: "p@x.nl"},
				{ID: "M3/2027-H1/d", Row: "M3", Assignee: "q@x.nl"}} {
				if err := tx.PutTask(task); err != nil {
					return err
				}
			}
			return nil
		})
		_ = s.View(ctx, func(tx bot.Tx) error {
			f2, err := tx.TasksOfRow("F2")
			if err != nil || len(f2) != 2 {
				t.Errorf("tasks of F2 = %d, %v", len(f2), err)
			}
			none, _ := tx.TasksOfRow("F")
			if len(none) != 0 {
				t.Errorf("a prefix of a row matched %d tasks", len(none))
			}
			return nil
		})
	})

	registerContract(t, newStore)

	t.Run("a done context runs nothing", func(t *testing.T) {
		s := newStore(t)
		done, cancel := context.WithCancel(ctx)
		cancel()
		ran := false
		err := s.Update(done, func(tx bot.Tx) error { ran = true; return tx.PutPrefs(bot.Prefs{User: "a@b.nl"}) })
		if !errors.Is(err, context.Canceled) || ran {
			t.Errorf("Update with a cancelled context = %v, ran %v; want context.Canceled, not run", err, ran)
		}
		err = s.View(done, func(tx bot.Tx) error { ran = true; return nil })
		if !errors.Is(err, context.Canceled) || ran {
			t.Errorf("View with a cancelled context = %v, ran %v; want context.Canceled, not run", err, ran)
		}
		err = s.View(ctx, func(tx bot.Tx) error { _, err := tx.Prefs("a@b.nl"); return err })
		if !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("after the cancelled Update: %v, want ErrNotFound", err)
		}
	})

	t.Run("read-only transactions refuse writes", func(t *testing.T) {
		s := newStore(t)
		err := s.View(ctx, func(tx bot.Tx) error { return tx.PutPrefs(bot.Prefs{User: "a@b.nl"}) })
		if err == nil {
			t.Error("a write in View succeeded")
		}
	})

	t.Run("marks", func(t *testing.T) {
		s := newStore(t)
		mark := func(key string) string {
			t.Helper()
			var v string
			if err := s.View(ctx, func(tx bot.Tx) error {
				var err error
				v, err = tx.Mark(key)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return v
		}
		if v := mark("mattermost/x/dm/c1"); v != "" {
			t.Errorf("an unknown mark holds %q", v)
		}
		update(t, s, func(tx bot.Tx) error {
			if err := tx.PutMark("mattermost/x/dm/c1", "1764252000000 p1"); err != nil {
				return err
			}
			return tx.PutMark("mattermost/x/dm/c2", "1764252000001 p2")
		})
		update(t, s, func(tx bot.Tx) error { return tx.PutMark("mattermost/x/dm/c1", "1764252000002 p3") })
		if v1, v2 := mark("mattermost/x/dm/c1"), mark("mattermost/x/dm/c2"); v1 != "1764252000002 p3" || v2 != "1764252000001 p2" {
			t.Errorf("marks hold %q and %q", v1, v2)
		}
		boom := errors.New("boom")
		_ = s.Update(ctx, func(tx bot.Tx) error {
			_ = tx.PutMark("mattermost/x/dm/c2", "changed")
			return boom
		})
		if v := mark("mattermost/x/dm/c2"); v != "1764252000001 p2" {
			t.Errorf("a failed transaction changed a mark to %q", v)
		}
		update(t, s, func(tx bot.Tx) error { return tx.PutMark("mattermost/x/dm/c1", "") })
		if v := mark("mattermost/x/dm/c1"); v != "" {
			t.Errorf("a removed mark holds %q", v)
		}
		if err := s.View(ctx, func(tx bot.Tx) error { return tx.PutMark("k", "v") }); err == nil {
			t.Error("a mark was written in View")
		}
		update(t, s, func(tx bot.Tx) error {
			for k, v := range map[string]string{"mattermost/x/dm0": "not under dm/", "mattermost/y/dm/c9": "another bot", "slack/x/dm/c1": "U1 1.1"} {
				if err := tx.PutMark(k, v); err != nil {
					return err
				}
			}
			return nil
		})
		var under map[string]string
		if err := s.View(ctx, func(tx bot.Tx) (err error) { under, err = tx.Marks("mattermost/x/dm/"); return err }); err != nil {
			t.Fatal(err)
		}
		if len(under) != 1 || under["mattermost/x/dm/c2"] != "1764252000001 p2" {
			t.Errorf("the marks under mattermost/x/dm/ are %v", under)
		}
	})

	t.Run("inbox", func(t *testing.T) {
		s := newStore(t)
		handled := func(id string) bool {
			t.Helper()
			var seen bool
			if err := s.View(ctx, func(tx bot.Tx) (err error) { seen, err = tx.Handled(id); return err }); err != nil {
				t.Fatal(err)
			}
			return seen
		}
		oldest := func() (time.Time, bool) {
			t.Helper()
			var at time.Time
			var ok bool
			if err := s.View(ctx, func(tx bot.Tx) (err error) { at, ok, err = tx.OldestHandled(); return err }); err != nil {
				t.Fatal(err)
			}
			return at, ok
		}
		if at, ok := oldest(); ok {
			t.Errorf("an empty inbox has an oldest event, handled at %v", at)
		}
		day := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
		update(t, s, func(tx bot.Tx) error {
			// The newest comes first by name: the oldest is found by time.
			for i, id := range []string{"mattermost/post/p1", "slack/T1/trigger/t1", "mattermost/post/p2", "a/newest"} {
				if err := tx.RecordHandled(id, day.Add(time.Duration(i)*time.Hour)); err != nil {
					return err
				}
			}
			return nil
		})
		if !handled("mattermost/post/p1") || !handled("slack/T1/trigger/t1") || handled("mattermost/post/p3") {
			t.Error("the inbox does not know what was handled")
		}
		if at, ok := oldest(); !ok || !at.Equal(day) {
			t.Errorf("the oldest handled event: %v, %v; want %v", at, ok, day)
		}
		boom := errors.New("boom")
		_ = s.Update(ctx, func(tx bot.Tx) error {
			_ = tx.RecordHandled("mattermost/post/p9", day)
			return boom
		})
		if handled("mattermost/post/p9") {
			t.Error("a failed transaction recorded an event as handled")
		}
		var forgot int
		update(t, s, func(tx bot.Tx) (err error) { forgot, err = tx.ForgetHandled(day.Add(90*time.Minute), 10); return err })
		if forgot != 2 || handled("mattermost/post/p1") || handled("slack/T1/trigger/t1") || !handled("mattermost/post/p2") {
			t.Errorf("forgetting before 16:30 removed %d records; p2 still known: %v", forgot, handled("mattermost/post/p2"))
		}
		if at, ok := oldest(); !ok || !at.Equal(day.Add(2*time.Hour)) {
			t.Errorf("after forgetting, the oldest handled event: %v, %v; want %v", at, ok, day.Add(2*time.Hour))
		}
		update(t, s, func(tx bot.Tx) (err error) { forgot, err = tx.ForgetHandled(day.Add(24*time.Hour), 0); return err })
		if forgot != 0 || !handled("mattermost/post/p2") {
			t.Error("a limit of 0 removed records")
		}
	})
}
