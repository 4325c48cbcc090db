// Package bottest has fakes for testing meldbot: a settable clock, a chat
// that records what the bot sends, an in-memory store with the same
// transaction semantics as the bbolt one, and a runner for conversation
// scripts that any adapter can drive.
package bottest
