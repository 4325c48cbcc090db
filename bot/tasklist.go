package bot

import (
	"sort"
	"strconv"
	"strings"
)

// tasksPerPage is how many tasks /incident taken shows at once, each as a
// message with its buttons.
const tasksPerPage = 5

// listTasksCommand handles /incident taken [page].
func (t *turn) listTasksCommand(args string) error {
	page, err := strconv.Atoi(strings.TrimSpace(args))
	if err != nil {
		page = 1
	}
	return t.listTasks(page)
}

// listTasks sends the person a page of their open tasks (/incident taken),
// each with its buttons, earliest deadline first. Someone with more than a
// page gets the first few and a button (and the command) for the next.
func (t *turn) listTasks(page int) error {
	all, err := t.tx.TasksOf(t.person.Email)
	if err != nil {
		return err
	}
	var open []Task
	for _, task := range all {
		if task.Outstanding() {
			open = append(open, task)
		}
	}
	if len(open) == 0 {
		return t.reply(Message{Text: t.tr.T("tasks.none")})
	}
	sort.Slice(open, func(i, j int) bool { return open[i].Due.Before(open[j].Due) })
	pages := (len(open) + tasksPerPage - 1) / tasksPerPage
	page = min(max(page, 1), pages)
	from, to := (page-1)*tasksPerPage, min(page*tasksPerPage, len(open))
	header := t.tr.T("tasks.header", "Count", len(open))
	if pages > 1 {
		header = t.tr.T("tasks.header_page", "Count", len(open), "From", from+1, "To", to)
	}
	if err := t.reply(Message{Text: header}); err != nil {
		return err
	}
	for _, task := range open[from:to] {
		inc, err := t.incidentOf(task)
		if err != nil {
			return err
		}
		if err := t.sendTask(t.person.Email, task, renderTask(task, inc, t.b.org, t.tr), shownTaskList); err != nil {
			return err
		}
	}
	if page == pages {
		return nil
	}
	return t.reply(Message{
		Text:    t.tr.T("tasks.more", "Count", len(open)-to, "Page", page+1),
		Choices: []Choice{{Label: t.tr.T("tasks.more_button"), Value: taskPageValue(page + 1)}},
	})
}

// nextTasks handles the button for the next page of tasks: it takes the
// button away, so the same page is not asked twice, and lists that page.
func (t *turn) nextTasks(n int) error {
	if err := t.update(t.ref, Message{Text: t.tr.T("tasks.more_shown")}); err != nil {
		return err
	}
	return t.listTasks(n)
}

// lapsed reports whether a task is a check-in left unanswered: it stays
// open for a late answer, but is no longer something to do.
func (t Task) lapsed() bool { return t.State == TaskLapsed }
