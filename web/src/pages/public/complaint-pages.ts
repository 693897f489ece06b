// The complaint form and the tracking page as one lazily loaded chunk, apart from the portal's first load.
export { ComplaintFormPage, TrackComplaintPage } from './ComplaintPages.tsx';
