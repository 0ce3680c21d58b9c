import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation, ValidationError } from "../../kernel/errors.js";
import { addFen, type Fen, formatFen, MAX_FEN } from "../../kernel/money.js";
import type { RuleId } from "../../kernel/rule-ids.js";
import { actorSignature, type Signature } from "../shared/signature.js";
import type {
  CheckBackEquipment,
  DeclareUmbrellaLost,
  DepositLoanCommand,
  LendUmbrella,
  OpenVenueUse,
  RentEquipment,
  ReturnUmbrella,
  VenueDepositMethod,
} from "./commands.js";
import type { DepositLoanEvent } from "./events.js";
import { settleDeposit } from "./settle-deposit.js";
import type { DepositLoanKind, DepositLoanState } from "./state.js";
import { umbrellaFee } from "./umbrella-fee.js";
import { decideVenueSession, requireReconciled } from "./venue-session/decide.js";

/**
 * Decides a deposit-loan command (D1–D4, D6, D7). A step out of order is a RuleViolation naming
 * the rule it would break; every closing is checked to balance (D7) before it is emitted.
 *
 * @example
 * ```ts
 * decideDepositLoan(ReturnUmbrella({ loanId: "u-1", customerSignature }), state, ctx);
 * ```
 */
export function decideDepositLoan(
  command: DepositLoanCommand,
  state: DepositLoanState,
  context: DecideContext,
): DepositLoanEvent[] {
  const loanId = command.data.loanId;
  const at = context.now.toISOString();
  const by = actorSignature(context);
  switch (command.type) {
    case "LendUmbrella":
      return lend(command, state, context, by);
    case "ReturnUmbrella":
      return returnUmbrella(command, state, context, by);
    case "DeclareUmbrellaLost":
      return declareLost(command, state, context, by);
    case "OpenVenueUse":
      return openVenue(command, state, by);
    case "AddVenueCharge": {
      requireOpen(state, loanId, "venue", "D4", "take a charge");
      const { description, amount } = command.data;
      checkBill(state, amount, command.type, "data.amount");
      return [{ type: "VenueChargeAdded", data: { loanId, description, amount, by } }];
    }
    case "RentEquipment":
      return rent(command, state, by);
    case "CheckBackEquipment":
      return checkBack(command, state, by);
    case "SettleVenueUse": {
      requireOpen(state, loanId, "venue", "D4", "settle");
      requireReconciled(state);
      const pending = Object.entries(state.equipment)
        .filter(([, item]) => !item.checkedBack)
        .map(([name]) => name);
      if (pending.length > 0) {
        throw new RuleViolation(
          "D6",
          `venue use ${loanId}: venue staff check back ${pending.join(", ")} before the bill is settled.`,
        );
      }
      const balance = settleDeposit(state.deposit, state.bill);
      return [
        {
          type: "VenueUseSettled",
          data: {
            loanId,
            settledAt: at,
            ...balance,
            paymentMethod: state.paymentMethod as VenueDepositMethod,
            by,
          },
        },
      ];
    }
    case "StartVenueSession":
    case "RemindVenueSessionEnd":
    case "EndVenueSession":
    case "ChargeVenueDrinks":
    case "CreditVenueDrinks":
    case "ReconcileVenueBill":
    case "CorrectVenueSettlement":
      return decideVenueSession(command, state, context, by);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function lend(
  command: LendUmbrella,
  state: DepositLoanState,
  context: DecideContext,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, customer, umbrellaNumber, paymentMethod } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation("D1", `loan ${loanId} is already written down; a loan is lent once.`);
  }
  if (paymentMethod !== "cash") {
    throw new RuleViolation(
      "D1",
      `an umbrella is lent against a cash deposit only, not ${paymentMethod}.`,
    );
  }
  const feeStartsAt = context.calendar.due(context.now, {
    ms: context.policy.freeLoanPeriod,
    counting: "elapsed",
  });
  return [
    {
      type: "UmbrellaLent",
      data: {
        loanId,
        customer,
        umbrellaNumber,
        deposit: context.policy.umbrellaDeposit,
        paymentMethod,
        lentAt: by.at as string,
        feeStartsAt: feeStartsAt.toISOString(),
        lentBy: by,
      },
    },
  ];
}

function returnUmbrella(
  command: ReturnUmbrella,
  state: DepositLoanState,
  context: DecideContext,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, customerSignature } = command.data;
  requireOpen(state, loanId, "umbrella", "D3", "take the umbrella back");
  const phone = state.customer?.phone;
  if (customerSignature.staffId !== phone) {
    throw new RuleViolation(
      "D3",
      `loan ${loanId}: the customer who borrowed it (${phone}) signs for the return, not ${customerSignature.staffId}.`,
    );
  }
  const { lateDays, fee } = umbrellaFee(
    new Date(state.openedAt),
    context.now,
    context.policy,
    context.calendar,
  );
  const balance = settleDeposit(state.deposit, fee);
  return [
    {
      type: "UmbrellaReturned",
      data: {
        loanId,
        returnedAt: by.at as string,
        lateDays,
        ...balance,
        customerSignature: { ...customerSignature, at: by.at },
        receivedBy: by,
      },
    },
  ];
}

function declareLost(
  command: DeclareUmbrellaLost,
  state: DepositLoanState,
  context: DecideContext,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, reason } = command.data;
  requireOpen(state, loanId, "umbrella", "D3", "declare it lost");
  const lostFrom = context.calendar.due(new Date(state.openedAt), {
    ms: context.policy.umbrellaLostAfter,
    counting: "elapsed",
  });
  if (context.now < lostFrom) {
    throw new RuleViolation(
      "D3",
      `loan ${loanId} may be declared lost from ${lostFrom.toISOString()}, not before.`,
    );
  }
  const balance = settleDeposit(state.deposit, state.deposit);
  return [
    {
      type: "UmbrellaDeclaredLost",
      data: { loanId, reason, declaredAt: by.at as string, ...balance, by },
    },
  ];
}

function openVenue(command: OpenVenueUse, state: DepositLoanState, by: Signature) {
  const { loanId, customer, venue, deposit, paymentMethod } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation(
      "D4",
      `venue use ${loanId} is already open; its deposit is taken once.`,
    );
  }
  return [
    {
      type: "VenueUseOpened",
      data: { loanId, customer, venue, deposit, paymentMethod, openedAt: by.at as string, by },
    },
  ] satisfies DepositLoanEvent[];
}

function rent(command: RentEquipment, state: DepositLoanState, by: Signature): DepositLoanEvent[] {
  const { loanId, item, count, unitPrice } = command.data;
  requireOpen(state, loanId, "venue", "D4", "rent equipment");
  const amount = count * unitPrice;
  checkBill(state, amount, command.type, "data.unitPrice");
  return [
    {
      type: "EquipmentRented",
      data: { loanId, item, count, unitPrice, amount: amount as Fen, by },
    },
  ];
}

function checkBack(
  command: CheckBackEquipment,
  state: DepositLoanState,
  by: Signature,
): DepositLoanEvent[] {
  const { loanId, item, returned, damaged, charge } = command.data;
  requireOpen(state, loanId, "venue", "D6", "check equipment back");
  const rented = state.equipment[item];
  if (!rented || rented.checkedBack) {
    throw new RuleViolation("D6", `venue use ${loanId} has no ${item} out to check back.`);
  }
  if (returned > rented.count || damaged > returned) {
    throw new RuleViolation(
      "D6",
      `${item}: ${rented.count} rented, so at most ${rented.count} come back and only those can be damaged (found ${returned} back, ${damaged} damaged).`,
    );
  }
  const missing = rented.count - returned;
  if ((missing > 0 || damaged > 0) !== charge > 0) {
    throw new RuleViolation(
      "D6",
      missing > 0 || damaged > 0
        ? `${item}: ${missing} missing and ${damaged} damaged are charged; the charge is ${formatFen(charge)}.`
        : `${item}: all ${rented.count} came back undamaged; there is nothing to charge.`,
    );
  }
  checkBill(state, charge, command.type, "data.charge");
  return [
    {
      type: "EquipmentCheckedBack",
      data: { loanId, item, rented: rented.count, returned, damaged, missing, charge, by },
    },
  ];
}

/** A step on a loan of `kind` that is open: else the rule (closed twice is D7). */
function requireOpen(
  state: DepositLoanState,
  loanId: string,
  kind: DepositLoanKind,
  rule: RuleId,
  step: string,
): void {
  if (state.status === "closed" && state.kind === kind) {
    throw new RuleViolation("D7", `loan ${loanId} is closed already; a loan closes once.`);
  }
  if (state.status !== "open" || state.kind !== kind) {
    const found = state.status === "none" ? "no such loan" : `a ${state.kind} loan`;
    throw new RuleViolation(
      rule,
      `cannot ${step}: loan ${loanId} is ${found}, not an open ${kind} loan.`,
    );
  }
}

/** Refuses an amount that would take the bill past MAX_FEN, where sums stop being exact. */
function checkBill(state: DepositLoanState, amount: number, command: string, field: string) {
  if (amount <= MAX_FEN && addFen(state.bill, amount as Fen) !== undefined) return;
  throw new ValidationError(command, [
    {
      path: field,
      message: `would bring the bill of ${state.loanId} from ${formatFen(state.bill)} past ${formatFen(MAX_FEN)}, the most svcops keeps exact`,
    },
  ]);
}
