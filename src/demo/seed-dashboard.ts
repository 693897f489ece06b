import type { Db } from '../db/database.ts';
import { runScreening } from '../jobs/screen.ts';

/**
 * Demo data of the dashboards and the work summary: the cases come with the demo dataset; the
 * findings chart and the summary's "typical problems" need a screening run, so a demo without one
 * gets one (stored and audited as any run), dated today.
 */
export async function seedDashboardDemo(options: { db: Db; today: string }): Promise<void> {
  const { rows } = await options.db.query<{ n: number }>('SELECT count(*) AS n FROM screening_runs');
  if (Number(rows[0]!.n) > 0) return;
  console.log('  screening the demo registry for the dashboard…');
  await runScreening({ db: options.db, asOf: options.today, actor: { id: null, label: 'demo' } });
}
