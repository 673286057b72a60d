/**
 * An operation a resource documents.
 *
 * - `list` `GET /{path}.json`, `get` `GET /{path}/{id}.json`, `create` `POST /{path}.json`,
 *   `update` `PUT /{path}/{id}.json`, `delete` `DELETE /{path}/{id}.json`;
 * - `read` `GET /{path}.json` answering one object that is not a list (site info, a listing).
 */
export type Operation = 'list' | 'get' | 'create' | 'update' | 'delete' | 'read'

/** One resource of the Enerpize API and how to call it. */
export interface ResourceSpec {
  /**
   * Path below the API base, without the format suffix. `{name}` segments are filled in per call
   * (`notes/{type}/{id}`).
   */
  readonly path: string
  /** Key Enerpize wraps a record in when it answers: `{"Client": {...}}`. */
  readonly model: string
  /** Key a create or edit request wraps the record in, when it differs from `model`. */
  readonly writeModel?: string
  /** Further keys an answer may wrap the record in. */
  readonly alsoReadAs?: readonly string[]
  /** The operations the reference documents; nothing else is called. */
  readonly operations: readonly Operation[]
  /** False for the one documented path without the `.json` suffix. */
  readonly jsonSuffix?: false
}

const CRUD: readonly Operation[] = ['list', 'get', 'create', 'update', 'delete']
const READ_ONLY: readonly Operation[] = ['list', 'get']

/**
 * Every resource in the Enerpize reference. Paths are the snake_case plural and bodies wrap the
 * record in its model key; where the reference is silent about a model key, the key follows the
 * same rule (the singular in PascalCase).
 */
export const RESOURCES = {
  invoices: { path: 'invoices', model: 'Invoice', operations: CRUD },
  estimates: { path: 'estimates', model: 'Estimate', operations: CRUD },
  creditNotes: { path: 'credit_notes', model: 'CreditNote', operations: CRUD },
  refundReceipts: { path: 'refund_receipts', model: 'RefundReceipt', operations: CRUD },
  clients: { path: 'clients', model: 'Client', operations: CRUD },
  suppliers: { path: 'suppliers', model: 'Supplier', operations: CRUD },
  invoicePayments: { path: 'invoice_payments', model: 'InvoicePayment', operations: CRUD },
  clientPayments: { path: 'client_payments', model: 'ClientPayment', operations: CRUD },
  products: { path: 'products', model: 'Product', operations: CRUD },
  timeTracking: { path: 'time_tracking', model: 'TimeTracking', operations: CRUD },
  // Notes hang off the record they annotate; only adding one is documented.
  notes: { path: 'notes/{type}/{id}', model: 'Note', operations: ['create'] },
  // The add request's schema wraps an appointment in its underlying model, FollowUpReminder,
  // while answers wrap it as ClientAppointment.
  clientAppointments: {
    path: 'client_appointments',
    model: 'ClientAppointment',
    writeModel: 'FollowUpReminder',
    alsoReadAs: ['FollowUpReminder'],
    operations: CRUD,
  },
  workOrderAppointments: {
    path: 'work_order_appointments',
    model: 'WorkOrderAppointment',
    alsoReadAs: ['FollowUpReminder'],
    operations: CRUD,
  },
  estimateAppointments: {
    path: 'estimate_appointments',
    model: 'EstimateAppointment',
    alsoReadAs: ['FollowUpReminder'],
    operations: CRUD,
  },
  invoiceAppointments: {
    path: 'invoice_appointments',
    model: 'InvoiceAppointment',
    alsoReadAs: ['FollowUpReminder'],
    operations: CRUD,
  },
  productCategories: {
    path: 'product_categories',
    model: 'ProductCategory',
    operations: READ_ONLY,
  },
  workOrders: { path: 'work_orders', model: 'WorkOrder', operations: CRUD },
  incomes: { path: 'incomes', model: 'Income', operations: CRUD },
  expenses: { path: 'expenses', model: 'Expense', operations: CRUD },
  journals: { path: 'journals', model: 'Journal', operations: CRUD },
  journalAccounts: { path: 'journal_accounts', model: 'JournalAccount', operations: CRUD },
  journalCategories: { path: 'journal_categories', model: 'JournalCategory', operations: CRUD },
  purchaseRefunds: { path: 'purchase_refunds', model: 'PurchaseRefund', operations: CRUD },
  taxes: { path: 'taxes', model: 'Tax', operations: CRUD },
  purchaseInvoices: { path: 'purchase_invoices', model: 'PurchaseInvoice', operations: CRUD },
  stockTransactions: {
    path: 'stock_transactions',
    model: 'StockTransaction',
    operations: CRUD,
  },
  stores: { path: 'stores', model: 'Store', operations: CRUD },
  treasuries: { path: 'treasuries', model: 'Treasury', operations: CRUD },
  siteInfo: { path: 'site_info', model: 'Site', operations: ['read'] },
  staff: { path: 'staff', model: 'Staff', operations: READ_ONLY },
  listing: { path: 'listing/{model}', model: 'Listing', operations: ['read'] },
  // Follow-up statuses are documented for the v2 API only, which lives outside /api2 and
  // answers another shape; this client offers no call for them.
  followUpStatuses: { path: 'follow_up_statuses', model: 'FollowUpStatus', operations: [] },
  followUpActions: {
    path: 'follow_up_actions/{type}',
    model: 'FollowUpAction',
    operations: ['read'],
  },
  // The one documented path without the format suffix, posting `{"ClientAttendance": {...}}`.
  clientAttendanceLog: {
    path: 'client-attendance-log/store',
    model: 'ClientAttendance',
    operations: ['create'],
    jsonSuffix: false,
  },
} as const satisfies Record<string, ResourceSpec>

/** A resource's name in `RESOURCES`. */
export type ResourceName = keyof typeof RESOURCES
