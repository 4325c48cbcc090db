package storage

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/bottest"
)

// holdWriter makes the committer busy with a change that waits until the
// returned function is called, so the changes made meanwhile come
// together.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	started, hold := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Update(context.Background(), func(tx bot.Tx) error {
			close(started)
			<-hold
			return tx.PutMark("held", "yes")
		})
	}()
	<-started
	return func() {
		close(hold)
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// awaitQueued waits until n changes wait for the committer.
func awaitQueued(t *testing.T, s *Store, n int) {
	t.Helper()
	bottest.WaitUntil(t, fmt.Sprintf("%d changes wait", n), func() bool {
		s.commits.mu.Lock()
		defer s.commits.mu.Unlock()
		return len(s.commits.waiting) == n
	})
}

// lastTx returns the ID of the latest committed bbolt transaction.
func lastTx(t *testing.T, s *Store) int {
	t.Helper()
	var id int
	if err := s.db.View(func(btx *bolt.Tx) error { id = btx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	return id
}

// Changes that come while another is being committed share the next
// commit, and each caller hears of its own once that commit is done.
func TestChangesThatComeTogetherShareOneCommit(t *testing.T) {
	s := openTemp(t)
	clock := useFakeTime(s)
	before := lastTx(t, s)
	release := holdWriter(t, s)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errs <- s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutMark(fmt.Sprint("m", i), "v") })
		})
	}
	awaitQueued(t, s, n)
	clock.Advance(groupBudget) // the held change spent its group's budget
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if commits := lastTx(t, s) - before; commits != 2 {
		t.Errorf("%d commits for the held change and %d that came together, want 2", commits, n)
	}
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		marks, _ := tx.Marks("m")
		if len(marks) != n {
			t.Errorf("%d of %d changes kept: %v", len(marks), n, marks)
		}
		return nil
	})
}

// A change that fails — with an error or a panic, after writing to every
// kind of record — is taken out of the commit it shares with others: it
// leaves no trace, and the others are kept. Its caller gets its error or
// its panic.
func TestAFailedChangeLeavesNoTraceInTheSharedCommit(t *testing.T) {
	s := openTemp(t)
	h := bottest.New(t, bottest.WithStore(s))
	bottest.Run(t, h, bottest.ReportScript, h.User) // records of every kind to overwrite
	before := dump(t, s)

	release := holdWriter(t, s)
	boom := errors.New("boom")
	var wg sync.WaitGroup
	var failedErr error
	var panicked any
	wg.Go(func() {
		_ = s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutMark("first", "kept") })
	})
	awaitQueued(t, s, 1)
	wg.Go(func() {
		failedErr = s.Update(context.Background(), func(tx bot.Tx) error { writeEverything(t, tx); return boom })
	})
	awaitQueued(t, s, 2)
	wg.Go(func() {
		defer func() { panicked = recover() }()
		_ = s.Update(context.Background(), func(tx bot.Tx) error { writeEverything(t, tx); panic("power cut") })
	})
	awaitQueued(t, s, 3)
	wg.Go(func() {
		_ = s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutMark("last", "kept") })
	})
	awaitQueued(t, s, 4)
	release()
	wg.Wait()

	if !errors.Is(failedErr, boom) {
		t.Errorf("the failed change returned %v, want its own error", failedErr)
	}
	if panicked != "power cut" {
		t.Errorf("the change that panicked raised %v in its caller, want its panic", panicked)
	}
	after := dump(t, s)
	for _, k := range []string{"marks/first", "marks/last", "marks/held"} {
		if after[k] == "" {
			t.Errorf("%s was not kept", k)
		}
		delete(after, k)
	}
	if diff := diffDumps(before, after); diff != "" {
		t.Errorf("the failed changes left traces:\n%s", diff)
	}
}

// fakeFault is a panic value as debug.SetPanicOnFault makes of a memory
// fault: a runtime error with the faulting address.
type fakeFault struct{}

func (fakeFault) Error() string { return "unexpected fault address 0x7f0000001000" }
func (fakeFault) RuntimeError() {}
func (fakeFault) Addr() uintptr { return 0x7f0000001000 }

// A change that meets a damaged page of the data file (a memory fault, as
// debug.SetPanicOnFault raises it) may leave bbolt with a page half read
// in memory, beyond what undoing that change reaches: then nothing of its
// group is committed. The others are told nothing was written, and are
// kept when made again; the data file is as it was.
func TestAMemoryFaultInAChangeUndoesItsWholeGroup(t *testing.T) {
	s := openTemp(t)
	clock := useFakeTime(s)
	before := dump(t, s)
	release := holdWriter(t, s)
	var wg sync.WaitGroup
	var otherErr error
	var panicked any
	wg.Go(func() {
		otherErr = s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutMark("other", "v") })
	})
	awaitQueued(t, s, 1)
	wg.Go(func() {
		defer func() { panicked = recover() }()
		_ = s.Update(context.Background(), func(tx bot.Tx) error {
			_ = tx.PutMark("faulty", "v")
			panic(fakeFault{})
		})
	})
	awaitQueued(t, s, 2)
	clock.Advance(groupBudget) // the held change commits alone
	release()
	wg.Wait()
	if _, ok := panicked.(fakeFault); !ok {
		t.Errorf("the change that met the fault raised %v, want the fault", panicked)
	}
	if !errors.Is(otherErr, errGroupUndone) {
		t.Errorf("the other change of the group returned %v, want %v", otherErr, errGroupUndone)
	}
	after := dump(t, s)
	delete(after, "marks/held")
	if diff := diffDumps(before, after); diff != "" {
		t.Errorf("the group that met a fault left traces:\n%s", diff)
	}
	if err := s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutMark("other", "v") }); err != nil {
		t.Fatalf("made again: %v", err)
	}
	if dump(t, s)["marks/other"] == "" {
		t.Error("the change made again was not kept")
	}
}

// writeEverything writes to every kind of record the data file holds, as
// an answer, a task, an export and the housekeeping do. It runs on the
// committer's goroutine, so a failure is reported with Error, not Fatal.
func writeEverything(t *testing.T, tx bot.Tx) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Error(err)
		}
	}
	inc, err := tx.Incident("GIR-2026-0001")
	must(err)
	inc.Subject = "iemand.anders@voorbeeldrode.nl"
	inc.Status = bot.StatusClosed
	must(tx.PutIncident(inc))
	_, err = tx.NextIncidentSeq(2026)
	must(err)
	must(tx.PutIncident(bot.Incident{Number: "GIR-2026-0002", Reporter: "x@voorbeeldrode.nl"}))
	must(tx.PutConversation(bot.Conversation{User: "x@voorbeeldrode.nl", Step: "what"}))
	must(tx.DeleteConversation("sanne.visser@voorbeeldrode.nl"))
	must(tx.PutPrefs(bot.Prefs{User: "x@voorbeeldrode.nl", Lang: "en"}))
	_, err = tx.Enqueue(bot.Outgoing{To: "x@voorbeeldrode.nl", Message: bot.Message{Text: "hallo"}})
	must(err)
	waiting, err := tx.Outbox(0, 10)
	must(err)
	for _, o := range waiting {
		must(tx.DeleteOutgoing(o.ID))
	}
	tasks, err := tx.TasksWithPrefix("GIR-2026-0001")
	must(err)
	for _, task := range tasks {
		task.State = bot.TaskDone
		task.Due = task.Due.Add(time.Hour)
		must(tx.PutTask(task))
		must(tx.AddSentRef("task:"+task.ID, bot.SentRef{To: "x@voorbeeldrode.nl", Ref: "r1"}))
	}
	must(tx.PutTask(bot.Task{ID: "GIR-2026-0002/first_care", Kind: bot.TaskFirstCare, Incident: "GIR-2026-0002",
		Assignee: "x@voorbeeldrode.nl", Due: time.Now(), State: bot.TaskOpen}))
	row, err := tx.Row("GIR-2026-0001")
	must(err)
	if len(tasks) < 2 {
		t.Error("the report made fewer than two tasks")
		return
	}
	row.Occurred = row.Occurred.Add(-time.Hour)
	must(tx.PutRow(row))
	_, err = tx.AppendAudit(bot.AuditEntry{At: time.Now(), By: "x@voorbeeldrode.nl", Incident: "GIR-2026-0001", Action: bot.AuditRead})
	must(err)
	must(tx.RecordHandled("event-1", time.Now()))
	_, err = tx.ForgetHandled(time.Now().Add(time.Hour), 100)
	must(err)
	must(tx.PutMark("mattermost/x/dm/y", "1 p"))
	must(tx.PutCheck(bot.Check{Item: "B1", By: "x@voorbeeldrode.nl", At: time.Now()}))
	must(tx.SetCycleSince(time.Now()))
	must(tx.ForgetTask(tasks[0].ID))
	must(tx.ForgetSentRefs("task:" + tasks[1].ID))
}

// dump returns every key of the data file, as bucket/key, with its value,
// and every bucket's sequence.
func dump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.db.View(func(btx *bolt.Tx) error {
		return btx.ForEach(func(name []byte, b *bolt.Bucket) error {
			out[string(name)+"#sequence"] = fmt.Sprint(b.Sequence())
			return b.ForEach(func(k, v []byte) error {
				out[string(name)+"/"+printable(k)] = fmt.Sprintf("%q", v)
				return nil
			})
		})
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func diffDumps(want, got map[string]string) string {
	var lines []string
	for k, v := range want {
		if g, ok := got[k]; !ok {
			lines = append(lines, "gone: "+k)
		} else if g != v {
			lines = append(lines, "changed: "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			lines = append(lines, "added: "+k)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// A change whose context ends before its turn comes does not run; one that
// comes after Close is refused.
func TestACancelledChangeDoesNotRunAndAClosedStoreRefuses(t *testing.T) {
	s := openTemp(t)
	release := holdWriter(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	ran := false
	done := make(chan error, 1)
	go func() { done <- s.Update(ctx, func(tx bot.Tx) error { ran = true; return nil }) }()
	awaitQueued(t, s, 1)
	cancel()
	release()
	if err := <-done; !errors.Is(err, context.Canceled) || ran {
		t.Errorf("cancelled change: ran %v, error %v", ran, err)
	}
	s.Close()
	if err := s.Update(context.Background(), func(bot.Tx) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("Update after Close = %v, want ErrClosed", err)
	}
}

// Every write of a change goes through the undo log (putRaw, deleteRaw,
// nextSequence), so a failed change can be taken out of a shared commit.
// Only the migrations, which run alone before any change, and the undo log
// itself write to bbolt directly.
func TestWritesGoThroughTheUndoLog(t *testing.T) {
	direct := map[string]bool{"Put": true, "Delete": true, "NextSequence": true, "SetSequence": true,
		"CreateBucket": true, "CreateBucketIfNotExists": true, "DeleteBucket": true}
	allowed := map[string]bool{
		"schema.go": true, // the migrations
		"undo.go":   true, // the undo log
		// migrations kept next to what they migrate
		"writeAuditHead": true, "chainAudit": true, "indexOutstandingTasks": true,
		"reopenLapsedCheckIns": true, "statesFromHistory": true, "backfillRegister": true,
		"separatePoliceRefs": true, "rewrite": true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || allowed[name] {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || allowed[fn.Name.Name] {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && direct[sel.Sel.Name] {
					t.Errorf("%s: %s writes with %s past the undo log", fset.Position(call.Pos()), fn.Name.Name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}

// fakeTime is a clock for the committer that moves only when told.
type fakeTime struct {
	mu  sync.Mutex
	now time.Time
}

func (f *fakeTime) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeTime) Advance(d time.Duration) { f.mu.Lock(); f.now = f.now.Add(d); f.mu.Unlock() }

// useFakeTime gives a new store's committer a clock of the test's own;
// call it before the store's first change.
func useFakeTime(s *Store) *fakeTime {
	f := &fakeTime{now: time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC)}
	s.commits.now = f.Now
	return f
}

// A group takes changes only while its budget lasts: a burst of slow
// changes is committed in several groups, so the first callers hear of
// their change before the last ones have even run.
func TestAGroupStopsTakingChangesWhenItsBudgetIsSpent(t *testing.T) {
	s := openTemp(t)
	clock := useFakeTime(s)
	release := holdWriter(t, s)
	before := lastTx(t, s)
	const n = 6
	var mu sync.Mutex
	var ran []int
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := s.Update(context.Background(), func(tx bot.Tx) error {
				mu.Lock()
				ran = append(ran, i)
				mu.Unlock()
				clock.Advance(groupBudget / 2) // each change takes half a budget
				return tx.PutMark(fmt.Sprint("m", i), "v")
			}); err != nil {
				t.Error(err)
			}
		})
		awaitQueued(t, s, i+1) // in this order
	}
	release()
	wg.Wait()
	// Groups of two, the held change taking the first two along: the
	// second change of each group spends its budget. (All six in one
	// commit without the budget.)
	if commits := lastTx(t, s) - before; commits != n/2 {
		t.Errorf("%d commits for the held change and %d changes of half a budget each, want %d", commits, n, n/2)
	}
	if !slices.Equal(ran, []int{0, 1, 2, 3, 4, 5}) {
		t.Errorf("changes ran in the order %v, want the order they came in", ran)
	}
}

// The changes somebody waits for are committed before unhurried ones
// (bot.Unhurried) that came earlier; an unhurried change held back for
// maxHeldBack takes its turn by the time it came.
func TestChangesSomebodyWaitsForGoFirst(t *testing.T) {
	s := openTemp(t)
	clock := useFakeTime(s)
	unhurried := bot.Unhurried(context.Background())
	var mu sync.Mutex
	var ran []string
	commitOf := map[string]int{} // the bbolt transaction each change ran in
	var wg sync.WaitGroup
	// queue makes a change and waits until it is queued, behind those
	// queued before.
	queue := func(ctx context.Context, name string) func() {
		return func() {
			s.commits.mu.Lock()
			queued := len(s.commits.waiting) + len(s.commits.unhurried) + 1
			s.commits.mu.Unlock()
			wg.Go(func() {
				if err := s.Update(ctx, func(btx bot.Tx) error {
					mu.Lock()
					ran = append(ran, name)
					commitOf[name] = btx.(*tx).b.ID()
					mu.Unlock()
					return btx.PutMark(name, "v")
				}); err != nil {
					t.Error(err)
				}
			})
			bottest.WaitUntil(t, name+" waits", func() bool {
				s.commits.mu.Lock()
				defer s.commits.mu.Unlock()
				return len(s.commits.waiting)+len(s.commits.unhurried) == queued
			})
		}
	}
	// order runs the steps while the writer is busy, and returns the
	// order in which the changes they made ran.
	order := func(steps ...func()) []string {
		t.Helper()
		ran = nil
		release := holdWriter(t, s)
		for _, step := range steps {
			step()
		}
		release()
		wg.Wait()
		return ran
	}

	got := order(queue(unhurried, "record of a delivery"), queue(context.Background(), "answer"))
	if !slices.Equal(got, []string{"answer", "record of a delivery"}) {
		t.Errorf("ran %q, want the answer first", got)
	}
	// The held change is one somebody waits for: its group takes the
	// answer along, and commits without the record.
	if commitOf["answer"] == commitOf["record of a delivery"] {
		t.Errorf("the answer's commit waited for an unhurried change")
	}
	got = order(queue(unhurried, "follow-up"), func() { clock.Advance(maxHeldBack) },
		queue(context.Background(), "later answer"))
	if !slices.Equal(got, []string{"follow-up", "later answer"}) {
		t.Errorf("ran %q, want the change held back a second first", got)
	}
}
