package ui

import (
	"testing"

	"frontdesk/data"
	"frontdesk/data/forms/duty"
)

// staffedRoster is a roster line for every day of the month: the lines given, every shift they leave
// empty taken by back-office support set for the test (a roster is submitted only fully staffed).
func staffedRoster(t *testing.T, h *harness, month string, lines ...data.Row) []data.Row {
	t.Helper()
	mgr := data.Actor{Login: "liu", Name: "刘经理", Role: data.RoleManager}
	if err := h.store.SetSetting(mgr, duty.SettingSupportStaff, "后台甲、后台乙、后台丙、后台丁"); err != nil {
		t.Fatal(err)
	}
	fillers := map[string]string{"early": "后台甲", "middle": "后台乙", "late": "后台丙", "night": "后台丁"}
	m, _ := data.ParseLocal(data.TypeMonth, month)
	byDate := map[string]data.Row{}
	for _, l := range lines {
		byDate[l["date"]] = l
	}
	var out []data.Row
	for d := m; d.Before(m.AddDate(0, 1, 0)); d = d.AddDate(0, 0, 1) {
		row := data.Row{"date": d.Format(data.LayoutDate)}
		for k, v := range byDate[row["date"]] {
			row[k] = v
		}
		for k, p := range fillers {
			if row[k] == "" {
				row[k] = p
			}
		}
		out = append(out, row)
	}
	return out
}
