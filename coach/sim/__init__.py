"""The simulation: a discrete-event engine, the reference notification service, demos, costs.

Modules (import what you need; nothing heavy loads with the package):
`engine` (virtual clock and event heap), `mmc` (the M/M/c validation model and
Erlang C), `service` (the reference service), `metrics`, `cost`, `report`,
and `demos` (`run_demo`). The design check that reads a sheet lives in `coach.design_check`:
the simulation takes parameters, it never reads sheets.
"""
