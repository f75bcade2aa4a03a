import { describe, expect, it } from "vitest";
import { deliveryDates, intersectPeriod, weekStart } from "../../app/domain/delivery-dates";
import { easterSunday, holidayOn, isoWeekday, swedishHolidays } from "../../app/domain/swedish-holidays";

describe("Swedish public holidays", () => {
  it("finds Easter Sunday for known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("lists the holidays of 2026 that move with Easter, midsummer and All Saints", () => {
    const holidays = swedishHolidays(2026);
    expect(holidays.get("2026-04-03")).toBe("goodFriday");
    expect(holidays.get("2026-04-06")).toBe("easterMonday");
    expect(holidays.get("2026-05-14")).toBe("ascensionDay");
    expect(holidays.get("2026-05-24")).toBe("whitSunday");
    expect(holidays.get("2026-06-19")).toBe("midsummerEve");
    expect(holidays.get("2026-06-20")).toBe("midsummerDay");
    expect(holidays.get("2026-10-31")).toBe("allSaintsDay");
    expect(holidays.size).toBe(16);
  });

  it("puts midsummer on the Saturday between 20 and 26 June, its eve on the Friday before", () => {
    for (let year = 2020; year <= 2040; year++) {
      const [day] = [...swedishHolidays(year)].find(([, name]) => name === "midsummerDay")!;
      expect(isoWeekday(day)).toBe(6);
      expect(Number(day.slice(8))).toBeGreaterThanOrEqual(20);
      expect(Number(day.slice(8))).toBeLessThanOrEqual(26);
      const [eve] = [...swedishHolidays(year)].find(([, name]) => name === "midsummerEve")!;
      expect(isoWeekday(eve)).toBe(5);
    }
  });

  it("knows the fixed days, Christmas and New Year included, and ordinary days are none", () => {
    expect(holidayOn("2026-12-24")).toBe("christmasEve");
    expect(holidayOn("2026-12-25")).toBe("christmasDay");
    expect(holidayOn("2026-12-26")).toBe("boxingDay");
    expect(holidayOn("2026-12-31")).toBe("newYearsEve");
    expect(holidayOn("2027-01-01")).toBe("newYearsDay");
    expect(holidayOn("2027-01-06")).toBe("epiphany");
    expect(holidayOn("2026-05-01")).toBe("mayDay");
    expect(holidayOn("2026-06-06")).toBe("nationalDay");
    expect(holidayOn("2026-12-23")).toBeNull();
    expect(holidayOn("2026-04-07")).toBeNull();
  });
});

describe("slot expansion", () => {
  it("gives the dates on the weekdays, both period edges included", () => {
    // 2026-03-02 is a Monday, 2026-03-12 a Thursday.
    expect(deliveryDates({ from: "2026-03-02", to: "2026-03-12", weekdays: [1, 4], skipHolidays: true })).toEqual([
      "2026-03-02",
      "2026-03-05",
      "2026-03-09",
      "2026-03-12",
    ]);
  });

  it("skips Easter and Christmas holidays unless the request delivers on them", () => {
    const easterWeek = { from: "2026-03-30", to: "2026-04-10", weekdays: [1, 2, 3, 4, 5] };
    const skipped = deliveryDates({ ...easterWeek, skipHolidays: true });
    expect(skipped).not.toContain("2026-04-03");
    expect(skipped).not.toContain("2026-04-06");
    expect(skipped).toHaveLength(8);
    expect(deliveryDates({ ...easterWeek, skipHolidays: false })).toHaveLength(10);

    const christmas = deliveryDates({ from: "2026-12-21", to: "2027-01-08", weekdays: [1, 2, 3, 4, 5], skipHolidays: true });
    expect(christmas).toEqual([
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2027-01-04",
      "2027-01-05",
      "2027-01-07",
      "2027-01-08",
    ]);
  });

  it("skips midsummer eve, a Friday", () => {
    expect(deliveryDates({ from: "2026-06-15", to: "2026-06-21", weekdays: [5], skipHolidays: true })).toEqual([]);
    expect(deliveryDates({ from: "2026-06-15", to: "2026-06-21", weekdays: [5], skipHolidays: false })).toEqual(["2026-06-19"]);
  });

  it("gives nothing for an empty or reversed period or no weekdays", () => {
    expect(deliveryDates({ from: "2026-03-10", to: "2026-03-09", weekdays: [1, 2], skipHolidays: true })).toEqual([]);
    expect(deliveryDates({ from: "2026-03-02", to: "2026-03-30", weekdays: [], skipHolidays: true })).toEqual([]);
    expect(deliveryDates({ from: "2026-03-02", to: "2026-03-02", weekdays: [1], skipHolidays: true })).toEqual(["2026-03-02"]);
  });

  it("cuts a period to a validity window and keys weeks by their Monday", () => {
    expect(intersectPeriod({ from: "2026-01-01", to: "2026-06-30" }, { from: "2026-02-01", to: null })).toEqual({ from: "2026-02-01", to: "2026-06-30" });
    expect(intersectPeriod({ from: "2026-01-01", to: "2026-01-31" }, { from: "2026-02-01", to: null })).toBeNull();
    expect(weekStart("2026-03-08")).toBe("2026-03-02");
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });
});
