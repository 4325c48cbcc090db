// Package schedules is meldbot's sense of time: the loop that fires tasks
// when they are due, and the policy cycle of recurring duties.
package schedules
